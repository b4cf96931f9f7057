package dev.corral.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetGeneratorTest {
  private static final Instant END = Instant.parse("2026-01-15T12:00:00Z");

  @TempDir
  Path tmp;

  @Test
  void simulatesExactlyTheRequestedEventsInBatchesAndIsDeterministic() throws IOException {
    Dataset first = DatasetGenerator.simulate(7, END, 2_500, 1_000, tmp.resolve("a"));
    Dataset second = DatasetGenerator.simulate(7, END, 2_500, 1_000, tmp.resolve("b"));

    assertThat(first.events()).isEqualTo(2_500);
    assertThat(first.batches()).hasSize(3);
    assertThat(lineCounts(first)).containsExactly(1_000L, 1_000L, 500L);
    assertThat(first.rawBytes()).isEqualTo(totalBytes(first));
    assertThat(first.traceIds()).isNotEmpty().hasSizeLessThanOrEqualTo(BatchFileWriter.TRACE_ID_SAMPLE);
    for (int i = 0; i < first.batches().size(); i++) {
      assertThat(Files.readAllBytes(second.batches().get(i))).isEqualTo(Files.readAllBytes(first.batches().get(i)));
    }
    assertThat(second.traceIds()).isEqualTo(first.traceIds());
  }

  @Test
  void replaySplitsAFileIntoBatchesSkippingBlankLines() throws IOException {
    Path source = tmp.resolve("in.ndjson");
    Files.writeString(source, "{\"message\":\"a\"}\n\n{\"message\":\"b\"}\n{\"message\":\"c\"}\n");

    Dataset replayed = DatasetGenerator.replay(source, 2, tmp.resolve("batches"));

    assertThat(replayed.events()).isEqualTo(3);
    assertThat(lineCounts(replayed)).containsExactly(2L, 1L);
    assertThat(replayed.traceIds()).isEmpty();
  }

  private static List<Long> lineCounts(Dataset dataset) throws IOException {
    List<Long> counts = new ArrayList<>();
    for (Path batch : dataset.batches()) {
      counts.add((long) Files.readAllLines(batch).size());
    }
    return counts;
  }

  private static long totalBytes(Dataset dataset) throws IOException {
    long bytes = 0;
    for (Path batch : dataset.batches()) {
      bytes += Files.size(batch);
    }
    return bytes;
  }
}
