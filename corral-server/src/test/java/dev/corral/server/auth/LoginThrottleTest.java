package dev.corral.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.server.MovableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Failed sign-ins on a clock the test moves: free failures, doubling locks, the cap, forgetting, bounded memory. */
class LoginThrottleTest {
  private final MovableClock clock = new MovableClock();
  private final LoginThrottle throttle = new LoginThrottle(clock);

  private int retryAfter(String name, String address) {
    try {
      throttle.admit(name, address);
      return 0;
    } catch (AccessDenied denied) {
      assertThat(denied.reason()).isEqualTo(AccessDenied.Reason.THROTTLED);
      return denied.retryAfterSeconds();
    }
  }

  @Test
  void afterTheFreeFailuresEachFailureDoublesTheLockUpToTheCap() {
    for (int i = 0; i < LoginThrottle.FREE_FAILURES_PER_NAME; i++) {
      assertThat(retryAfter("alice", "10.0.0." + i)).isZero();
      throttle.failed("alice", "10.0.0." + i);
    }
    assertThat(retryAfter("alice", "10.0.0.99")).as("five free failures").isZero();
    List<Integer> locks = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      throttle.failed("ALICE", "10.0.1." + i); // names are counted in any case, from any address
      int wait = retryAfter("alice", "10.0.2.1");
      locks.add(wait);
      clock.advance(Duration.ofSeconds(wait));
      assertThat(retryAfter("alice", "10.0.2.1")).isZero();
    }
    System.out.println("lock per further failure (s): " + locks);
    assertThat(locks).containsExactly(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900);
  }

  @Test
  void aLockedNameIsRefusedWhateverTheAddressAndAnAddressTryingManyNamesIsLockedToo() {
    for (int i = 0; i <= LoginThrottle.FREE_FAILURES_PER_NAME; i++) {
      throttle.failed("bob", "192.0.2." + i);
    }
    assertThat(retryAfter("bob", "198.51.100.7")).isEqualTo(1);
    assertThat(retryAfter("carol", "198.51.100.7")).as("another name is free").isZero();

    for (int i = 0; i <= LoginThrottle.FREE_FAILURES_PER_ADDRESS; i++) {
      throttle.failed("guess-" + i, "203.0.113.9");
    }
    assertThat(retryAfter("never-tried", "203.0.113.9")).as("the address is locked for any name").isEqualTo(1);
  }

  @Test
  void aSuccessClearsTheCountsAndAnUntouchedCountIsForgotten() {
    for (int i = 0; i < 8; i++) {
      throttle.failed("dave", "192.0.2.1");
    }
    assertThat(retryAfter("dave", "192.0.2.1")).isEqualTo(4);
    throttle.succeeded("dave", "192.0.2.1");
    assertThat(retryAfter("dave", "192.0.2.1")).isZero();
    for (int i = 0; i < 8; i++) {
      throttle.failed("erin", "192.0.2.2");
    }
    clock.advance(LoginThrottle.FORGET_AFTER);
    throttle.failed("erin", "192.0.2.2");
    assertThat(retryAfter("erin", "192.0.2.2")).as("after an hour the next failure is free again").isZero();
  }

  @Test
  void aFloodOfDistinctNamesAndAddressesKeepsBoundedMemory() {
    for (int i = 0; i < 3 * LoginThrottle.MAX_TRACKED; i++) {
      throttle.failed("flood-" + i + "-" + "x".repeat(500), "10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
    }
    assertThat(throttle.tracked()).isEqualTo(2 * LoginThrottle.MAX_TRACKED);
  }
}
