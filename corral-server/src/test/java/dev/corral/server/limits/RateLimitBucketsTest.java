package dev.corral.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link RateBuckets} on a clock the test moves: what is taken, what waits, what is forgotten. */
class RateLimitBucketsTest {
  /** A clock that moves only when told. */
  private static final class ManualTime implements TimeMeter {
    long nanos;

    void advance(Duration by) {
      nanos += by.toNanos();
    }

    @Override
    public long currentTimeNanos() {
      return nanos;
    }

    @Override
    public boolean isWallClockBased() {
      return false;
    }
  }

  private final ManualTime time = new ManualTime();
  private final RateBuckets buckets = new RateBuckets(3, time);

  @Test
  void aBucketGivesOneSecondOfItsRateAtOnceThenRefusesWithTheWaitUntilTokensRefill() {
    Rate tenPerSecond = Rate.perSecond(10);
    assertThat(buckets.take("k", tenPerSecond, 6).taken()).isTrue();
    assertThat(buckets.take("k", tenPerSecond, 4).taken()).isTrue();
    RateBuckets.Take refused = buckets.take("k", tenPerSecond, 5);
    assertThat(refused.taken()).isFalse();
    assertThat(refused.nanosToWait()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(500));
    assertThat(refused.retryAfterSeconds()).as("rounded up").isEqualTo(1);

    time.advance(Duration.ofMillis(499));
    assertThat(buckets.take("k", tenPerSecond, 5).taken()).as("a millisecond short").isFalse();
    time.advance(Duration.ofMillis(1));
    assertThat(buckets.take("k", tenPerSecond, 5).taken()).isTrue();
  }

  @Test
  void aRefusedTakeTakesNothing() {
    Rate five = Rate.perSecond(5);
    assertThat(buckets.take("k", five, 3).taken()).isTrue();
    assertThat(buckets.take("k", five, 3).taken()).as("only 2 left").isFalse();
    assertThat(buckets.take("k", five, 2).taken()).as("the refused take left the 2").isTrue();
  }

  @Test
  void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
    assertThat(new RateBuckets.Take(1).retryAfterSeconds()).isEqualTo(1);
    assertThat(new RateBuckets.Take(TimeUnit.SECONDS.toNanos(1)).retryAfterSeconds()).isEqualTo(1);
    assertThat(new RateBuckets.Take(TimeUnit.SECONDS.toNanos(1) + 1).retryAfterSeconds()).isEqualTo(2);
    assertThat(new RateBuckets.Take(TimeUnit.SECONDS.toNanos(59)).retryAfterSeconds()).isEqualTo(59);
  }

  @Test
  void aTakeLargerThanTheCapacityWaitsForAFullBucketIsTakenAndLeavesDebt() {
    Rate ten = Rate.perSecond(10);
    assertThat(buckets.take("k", ten, 1).taken()).isTrue();
    RateBuckets.Take notFull = buckets.take("k", ten, 25);
    assertThat(notFull.taken()).as("a batch over the capacity waits for a full bucket").isFalse();
    assertThat(notFull.nanosToWait()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(100));

    time.advance(Duration.ofMillis(100));
    assertThat(buckets.take("k", ten, 25).taken()).as("never refused forever: taken once the bucket is full").isTrue();
    RateBuckets.Take inDebt = buckets.take("k", ten, 1);
    assertThat(inDebt.taken()).isFalse();
    assertThat(inDebt.nanosToWait()).as("15 tokens of debt plus the one asked for, at 10/s")
        .isEqualTo(TimeUnit.MILLISECONDS.toNanos(1600));
    time.advance(Duration.ofMillis(1600));
    assertThat(buckets.take("k", ten, 1).taken()).isTrue();
  }

  @Test
  void givingBackRestoresWhatARefusedRequestTook() {
    Rate five = Rate.perSecond(5);
    assertThat(buckets.take("k", five, 5).taken()).isTrue();
    assertThat(buckets.take("k", five, 1).taken()).isFalse();
    buckets.giveBack("k", five, 5);
    assertThat(buckets.take("k", five, 5).taken()).isTrue();
  }

  @Test
  void namesHaveTheirOwnBuckets() {
    Rate two = Rate.perSecond(2);
    assertThat(buckets.take("noisy", two, 2).taken()).isTrue();
    assertThat(buckets.take("noisy", two, 1).taken()).isFalse();
    assertThat(buckets.take("quiet", two, 2).taken()).as("another name is not limited by the noisy one").isTrue();
  }

  @Test
  void atMostMaxTrackedNamesKeepABucketAndTheLeastRecentlyUsedIsForgottenFull() {
    Rate one = Rate.perSecond(1);
    buckets.take("a", one, 1);
    buckets.take("b", one, 1);
    buckets.take("c", one, 1);
    buckets.take("a", one, 0); // 0 tokens: does not touch the bucket
    assertThat(buckets.take("b", one, 1).taken()).as("b is still tracked, and empty").isFalse();
    for (int i = 0; i < 1000; i++) {
      buckets.take("flood-" + i, one, 1);
      assertThat(buckets.tracked()).isLessThanOrEqualTo(3);
    }
    assertThat(buckets.tracked()).isEqualTo(3);
    assertThat(buckets.take("b", one, 1).taken()).as("forgotten, so it starts over full").isTrue();
  }

  @Test
  void anUnlimitedRateKeepsNoBucket() {
    for (int i = 0; i < 10; i++) {
      assertThat(buckets.take("k" + i, Rate.UNLIMITED, 1_000_000).taken()).isTrue();
    }
    assertThat(buckets.tracked()).isZero();
  }

  @Test
  void aNameWhoseRateChangedGetsANewFullBucket() {
    assertThat(buckets.take("k", Rate.perSecond(2), 2).taken()).isTrue();
    assertThat(buckets.take("k", Rate.perSecond(2), 1).taken()).isFalse();
    assertThat(buckets.take("k", Rate.perSecond(4), 4).taken()).isTrue();
  }

  @Test
  void aPerMinuteRateRefillsOverAMinute() {
    Rate twoPerMinute = Rate.perMinute(2);
    assertThat(buckets.take("r", twoPerMinute, 1).taken()).isTrue();
    assertThat(buckets.take("r", twoPerMinute, 1).taken()).isTrue();
    RateBuckets.Take refused = buckets.take("r", twoPerMinute, 1);
    assertThat(refused.retryAfterSeconds()).isEqualTo(30);
  }
}
