package dev.corral.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link OpenSearchPeer#countItems}: how a {@code _bulk} answer becomes accepted and rejected counts. */
class BulkAnswerCountTest {
  private final AtomicReference<String> first = new AtomicReference<>();

  @Test
  void anAnswerWithoutErrorsAcceptsEveryItem() throws IOException {
    BatchUploader.Counts counts = OpenSearchPeer.countItems(
        "{\"took\":3,\"errors\":false,\"items\":[{\"create\":{\"status\":201}},{\"create\":{\"status\":201}}]}", first);

    assertThat(counts).isEqualTo(new BatchUploader.Counts(2, 0));
    assertThat(first.get()).isNull();
  }

  @Test
  void failedItemsAreRejectedAndTheFirstReasonIsKept() throws IOException {
    String answer = "{\"errors\":true,\"items\":["
        + "{\"create\":{\"status\":201}},"
        + "{\"create\":{\"status\":400,\"error\":{\"type\":\"mapper_parsing_exception\",\"reason\":\"object mapping for [attrs]\"}}},"
        + "{\"create\":{\"status\":429,\"error\":{\"type\":\"es_rejected_execution_exception\",\"reason\":\"queue full\"}}}]}";

    assertThat(OpenSearchPeer.countItems(answer, first)).isEqualTo(new BatchUploader.Counts(1, 2));
    assertThat(first.get()).isEqualTo("400 mapper_parsing_exception: object mapping for [attrs]");
  }

  @Test
  void anAnswerWithoutItemsIsAnError() {
    assertThatThrownBy(() -> OpenSearchPeer.countItems("{\"error\":\"boom\",\"status\":500}", first))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("_bulk answer without items")
        .hasMessageContaining("boom");
  }
}
