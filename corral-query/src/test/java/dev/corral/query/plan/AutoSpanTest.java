package dev.corral.query.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The one span rule of the store and the evaluator. */
class AutoSpanTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void picksTheSmallestSpanGivingAtMostAHundredBuckets() {
    assertThat(AutoSpan.choose(0, 99 * SECOND)).isEqualTo(Duration.ofSeconds(1)); // 100 buckets
    assertThat(AutoSpan.choose(0, 100 * SECOND)).isEqualTo(Duration.ofSeconds(5)); // 101 one-second buckets
    assertThat(AutoSpan.choose(0, 3600 * SECOND)).isEqualTo(Duration.ofMinutes(1));
    assertThat(AutoSpan.choose(0, 0)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void rangesBeyondAHundredWeeksUseWeeks() {
    assertThat(AutoSpan.choose(0, Duration.ofDays(7 * 500).toNanos())).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void bucketsAreCountedOnEpochAlignedBoundaries() {
    // 99 s long, but it straddles 101 one-second boundaries
    assertThat(AutoSpan.choose(SECOND / 2, SECOND / 2 + 100 * SECOND - 1)).isEqualTo(Duration.ofSeconds(5));
    assertThat(AutoSpan.bucketStart(-1, SECOND)).isEqualTo(-SECOND);
    assertThat(AutoSpan.bucketStart(SECOND + 1, SECOND)).isEqualTo(SECOND);
  }

  @Test
  void explicitSpansOutsideTheNanosecondRangeAreRefused() {
    assertThat(AutoSpan.nanos(Duration.ofMinutes(1))).isEqualTo(60 * SECOND);
    assertThatThrownBy(() -> AutoSpan.nanos(Duration.ofNanos(0))).hasMessageContaining("shorter than 1 ns");
    assertThatThrownBy(() -> AutoSpan.nanos(Duration.ofDays(365L * 1000))).hasMessageContaining("longer than");
  }
}
