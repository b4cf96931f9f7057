package dev.corral.store.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TestTimechartSpan {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void picksTheSmallestCandidateGivingAtMostAHundredBuckets() {
    assertThat(TimechartSpan.auto(0, 99 * SECOND)).isEqualTo(SECOND); // 100 buckets
    assertThat(TimechartSpan.auto(0, 100 * SECOND)).isEqualTo(5 * SECOND); // 101 one-second buckets
    assertThat(TimechartSpan.auto(0, 3600 * SECOND)).isEqualTo(Duration.ofMinutes(1).toNanos());
    assertThat(TimechartSpan.auto(0, 0)).isEqualTo(SECOND);
  }

  @Test
  void rangesBeyondAHundredWeeksUseWeeks() {
    assertThat(TimechartSpan.auto(0, Duration.ofDays(7 * 500).toNanos())).isEqualTo(Duration.ofDays(7).toNanos());
  }

  @Test
  void bucketsAreCountedOnEpochAlignedBoundaries() {
    // 99 s long, but it straddles 101 one-second boundaries
    assertThat(TimechartSpan.auto(SECOND / 2, SECOND / 2 + 100 * SECOND - 1)).isEqualTo(5 * SECOND);
  }
}
