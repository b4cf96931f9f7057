package dev.corral.opensearch.index;

import static dev.corral.opensearch.index.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.model.EventBatch;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The deterministic ids. */
class DocumentIdsTest {
  private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");

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
}
