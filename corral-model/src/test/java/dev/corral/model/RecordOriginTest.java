package dev.corral.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordOriginTest {
  private static final LogEvent EVENT = new LogEvent(1_700_000_000_000_000_000L, Level.INFO, "hello",
      Fields.builder(1).put("service", "api").build());

  @Test
  void aBatchWithAnOriginStartsWithItsLineAndDecodesToTheSameEvents() {
    RecordOrigin origin = new RecordOrigin("app-events", 3, 120, 125);
    EventBatch batch = EventBatch.encode(List.of(EVENT, EVENT), Optional.of(origin));

    String text = new String(batch.source(), StandardCharsets.UTF_8);
    assertThat(text).startsWith("#origin app-events 3 120 125\n{\"timestamp\"");
    assertThat(RecordOrigin.read(batch.source())).contains(origin);
    assertThat(batch.lineStart(0)).isEqualTo("#origin app-events 3 120 125\n".length());
    assertThat(new String(batch.source(), batch.lineStart(0), batch.lineLength(0), StandardCharsets.UTF_8))
        .isEqualTo(new String(EventBatch.encode(List.of(EVENT)).source(), StandardCharsets.UTF_8).strip());

    EventBatch decoded = EventBatch.decode(batch.source());
    assertThat(decoded.events()).containsExactly(EVENT, EVENT);
    assertThat(decoded.origin()).contains(origin);
    assertThat(decoded.lineStart(0)).isEqualTo(batch.lineStart(0));
  }

  @Test
  void aRecordWrittenBeforeOriginsExistedReadsAsBefore() {
    byte[] old = ("{\"timestamp\":\"2023-11-14T22:13:20Z\",\"level\":\"INFO\",\"message\":\"hello\",\"service\":\"api\"}\n")
        .getBytes(StandardCharsets.UTF_8);

    assertThat(RecordOrigin.payloadStart(old)).isZero();
    assertThat(RecordOrigin.read(old)).isEmpty();
    EventBatch decoded = EventBatch.decode(old);
    assertThat(decoded.origin()).isEmpty();
    assertThat(decoded.lineStart(0)).isZero();
    assertThat(decoded.events()).containsExactly(EVENT);
  }

  @Test
  void anOriginWithoutEventsIsARecordOfItsOwn() {
    RecordOrigin origin = new RecordOrigin("t", 0, 7, 7);
    EventBatch batch = EventBatch.encode(List.of(), Optional.of(origin));

    assertThat(EventBatch.decode(batch.source()).events()).isEmpty();
    assertThat(EventBatch.decode(batch.source()).origin()).contains(origin);
    assertThat(origin.nextOffset()).isEqualTo(8);
  }

  @Test
  void invalidOriginsAreRefusedNamingTheValue() {
    assertThatThrownBy(() -> new RecordOrigin("has space", 0, 0, 0)).hasMessageContaining("'has space'");
    assertThatThrownBy(() -> new RecordOrigin("t", 0, 5, 4)).hasMessageContaining("5..4");
    assertThatThrownBy(() -> RecordOrigin.read("#origin t x 1 2\n".getBytes(StandardCharsets.US_ASCII)))
        .hasMessageContaining("#origin t x 1 2");
    assertThatThrownBy(() -> RecordOrigin.read("#origin t 1 2\n".getBytes(StandardCharsets.US_ASCII)))
        .hasMessageContaining("not an origin line");
  }
}
