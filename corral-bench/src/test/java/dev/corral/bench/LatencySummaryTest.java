package dev.corral.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {
  @Test
  void nearestRankPercentilesOfOneToHundred() {
    double[] samples = IntStream.rangeClosed(1, 100).mapToDouble(i -> 101 - i).toArray(); // unsorted on purpose

    LatencySummary summary = LatencySummary.of(samples);

    assertThat(summary.p50()).isEqualTo(50);
    assertThat(summary.p99()).isEqualTo(99);
    assertThat(summary.samples()).isEqualTo(100);
    assertThat(samples[0]).as("input left unsorted").isEqualTo(100);
  }

  @Test
  void fewSamplesGiveTheMaximumAsP99() {
    LatencySummary summary = LatencySummary.of(new double[] {3, 1, 2});

    assertThat(summary.p50()).isEqualTo(2);
    assertThat(summary.p99()).isEqualTo(3);
  }

  @Test
  void rejectsNoSamples() {
    assertThatThrownBy(() -> LatencySummary.of(new double[0])).hasMessageContaining("no samples");
  }
}
