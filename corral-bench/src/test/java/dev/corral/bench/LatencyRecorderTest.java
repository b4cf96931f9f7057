package dev.corral.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {
  @Test
  void percentilesOfManySamplesInFixedMemoryWithinATenthOfAPercent() {
    LatencyRecorder recorder = new LatencyRecorder();
    for (int i = 1; i <= 100_000; i++) {
      recorder.record(i / 100.0); // 0.01 ms .. 1000 ms, evenly
    }

    LatencySummary summary = recorder.summary();

    assertThat(summary.samples()).isEqualTo(100_000);
    assertThat(summary.p50()).isCloseTo(500, within(0.5));
    assertThat(summary.p99()).isCloseTo(990, within(1.0));
  }

  @Test
  void aPeerWithoutAServerTimeRecordsNothingAndReadsAsNa() {
    LatencyRecorder recorder = new LatencyRecorder();
    recorder.record(-1);

    assertThat(recorder.summary()).isEqualTo(LatencySummary.NONE);
  }
}
