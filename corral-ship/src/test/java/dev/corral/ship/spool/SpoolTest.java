package dev.corral.ship.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The disk spool: order, its bounds (every drop counted), and files written in part by a killed shipper. */
class SpoolTest {
  private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-06T01:00:00Z"), ZoneOffset.UTC);

  @TempDir
  Path dir;

  @Test
  void batchesComeBackOldestFirstAndSurviveAReopen() throws IOException {
    Spool spool = Spool.open(dir, 1 << 20, Duration.ofDays(1), NOW);
    spool.append(List.of("{\"n\":1}", "{\"n\":2}"), null);
    spool.append(List.of("{\"n\":3}"), null);
    Spool reopened = Spool.open(dir, 1 << 20, Duration.ofDays(1), NOW);
    assertThat(reopened.batches()).isEqualTo(2);
    assertThat(reopened.events()).isEqualTo(3);
    SpooledBatch first = reopened.oldest().orElseThrow();
    assertThat(first.events()).containsExactly("{\"n\":1}", "{\"n\":2}");
    reopened.remove(first);
    assertThat(reopened.oldest().orElseThrow().events()).containsExactly("{\"n\":3}");
    reopened.append(List.of("{\"n\":4}"), null);
    reopened.remove(reopened.oldest().orElseThrow());
    assertThat(reopened.oldest().orElseThrow().events()).containsExactly("{\"n\":4}");
  }

  @Test
  void aBatchKeepsItsPipeline() throws IOException {
    Spool spool = Spool.open(dir, 1 << 20, Duration.ofDays(1), NOW);
    spool.append(List.of("{\"n\":1}"), "shop-java");
    spool.append(List.of("{\"n\":2}"), null);
    Spool reopened = Spool.open(dir, 1 << 20, Duration.ofDays(1), NOW);
    SpooledBatch first = reopened.oldest().orElseThrow();
    assertThat(first.pipeline()).isEqualTo("shop-java");
    reopened.remove(first);
    assertThat(reopened.oldest().orElseThrow().pipeline()).isNull();
  }

  @Test
  void whenFullTheOldestBatchIsDroppedAndCounted() throws IOException {
    long oneBatch = SpoolFrame.encode(batch(100, 0), null, NOW.millis()).length;
    Spool spool = Spool.open(dir, oneBatch * 3, Duration.ofDays(1), NOW);
    for (int i = 0; i < 5; i++) {
      spool.append(batch(100, i), null);
    }
    assertThat(spool.batches()).isEqualTo(3);
    assertThat(spool.droppedBatches()).isEqualTo(2);
    assertThat(spool.droppedEvents()).isEqualTo(200);
    assertThat(spool.bytes()).isLessThanOrEqualTo(oneBatch * 3);
    assertThat(spool.oldest().orElseThrow().events().get(0)).isEqualTo(batch(100, 2).get(0));
  }

  @Test
  void batchesOlderThanMaxAgeAreDroppedAndCounted() throws IOException {
    Spool.open(dir, 1 << 20, Duration.ofDays(1), NOW).append(batch(4, 0), null);
    Clock twoDaysLater = Clock.offset(NOW, Duration.ofDays(2));
    Spool later = Spool.open(dir, 1 << 20, Duration.ofDays(1), twoDaysLater);
    later.append(batch(3, 1), null);
    assertThat(later.oldest().orElseThrow().events()).isEqualTo(batch(3, 1));
    assertThat(later.droppedBatches()).isEqualTo(1);
    assertThat(later.droppedEvents()).isEqualTo(4);
  }

  @Test
  void aFileWrittenInPartIsSkippedOnRestart() throws IOException {
    Spool spool = Spool.open(dir, 1 << 20, Duration.ofDays(1), NOW);
    spool.append(batch(10, 0), null);
    spool.append(batch(10, 1), null);
    Path last;
    try (Stream<Path> files = Files.list(dir)) {
      last = files.sorted().reduce((a, b) -> b).orElseThrow();
    }
    byte[] whole = Files.readAllBytes(last);
    Files.write(last, java.util.Arrays.copyOf(whole, whole.length - 7));

    Spool reopened = Spool.open(dir, 1 << 20, Duration.ofDays(1), NOW);
    assertThat(reopened.damagedFiles()).isEqualTo(1);
    assertThat(reopened.batches()).isEqualTo(1);
    assertThat(reopened.oldest().orElseThrow().events()).isEqualTo(batch(10, 0));
    assertThat(last).doesNotExist();
    reopened.append(batch(1, 2), null);
    assertThat(reopened.batches()).isEqualTo(2);
  }

  @Test
  void aFlippedByteFailsTheChecksum() {
    byte[] frame = SpoolFrame.encode(batch(3, 0), "shop-java", NOW.millis());
    frame[frame.length - 3] ^= 0x10;
    assertThatThrownBy(() -> SpoolFrame.decode(frame)).isInstanceOf(IOException.class).hasMessageContaining("checksum");
  }

  /** The format of spool files written by this version, kept: a later version must still read them. */
  @Test
  void readsTheGoldenFileOfFormatVersion1() throws IOException {
    byte[] golden;
    try (InputStream in = SpoolTest.class.getResourceAsStream("/spool/v1-two-events.batch")) {
      golden = in.readAllBytes();
    }
    SpoolFrame.Decoded decoded = SpoolFrame.decode(golden);
    assertThat(decoded.createdMillis()).isEqualTo(Instant.parse("2026-12-06T01:00:00Z").toEpochMilli());
    assertThat(decoded.pipeline()).isEqualTo("shop-java");
    assertThat(decoded.events()).containsExactly("{\"message\":\"first\",\"service\":\"golden\"}",
        "{\"message\":\"zweite \u00e9v\u00e9nement\",\"service\":\"golden\"}");
  }

  private static List<String> batch(int events, int batch) {
    return java.util.stream.IntStream.range(0, events)
        .mapToObj(i -> "{\"batch\":" + batch + ",\"i\":" + i + ",\"message\":\"spool test\"}").toList();
  }
}
