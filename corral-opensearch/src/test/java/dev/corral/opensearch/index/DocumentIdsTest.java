package dev.corral.opensearch.index;

import static dev.corral.opensearch.index.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.model.EventBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deterministic ids, and the node id they are made with. */
class DocumentIdsTest {
  private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");

  @TempDir
  Path data;

  @Test
  void kafkaEventsAreNamedByTheirRecordAndTheOthersByTheWalPosition() {
    EventBatch batch = EventBatch.encode(List.of(
        event(AT, "a", Map.of("kafka.topic", "logs", "kafka.partition", 1L, "kafka.offset", 7L)),
        event(AT, "plain", Map.of("service", "api")),
        event(AT, "b", Map.of("kafka.topic", "logs", "kafka.partition", 1L, "kafka.offset", 7L)),
        event(AT, "c", Map.of("kafka.topic", "logs", "kafka.partition", 1.0, "kafka.offset", 8L))));
    assertThat(DocumentIds.of("n1", 4096, batch))
        .containsExactly("k:logs/1/7/0", "w:n1/4096/1", "k:logs/1/7/1", "k:logs/1/8/0");
  }

  @Test
  void theNodeIdIsMadeOnceAndKept() throws IOException {
    String id = NodeId.readOrCreate(data);
    assertThat(id).matches("[0-9a-f-]{36}");
    assertThat(NodeId.readOrCreate(data)).isEqualTo(id);
    Files.writeString(data.resolve(NodeId.FILE), "not/an id\n");
    assertThatThrownBy(() -> NodeId.readOrCreate(data)).isInstanceOf(IOException.class)
        .hasMessageContaining(data.resolve(NodeId.FILE).toString()).hasMessageContaining("not/an id");
  }
}
