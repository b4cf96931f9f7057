package dev.corral.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.server.Await;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bound on Argon2 checks, by counts and states (never by the clock): at most the gate's number
 * of checks run at once, a caller that gets no turn is refused BUSY, a key already checked once is
 * accepted without Argon2 all the while, and a wrong secret already refused costs no check again.
 */
class Argon2GateTest {
  private static final int AT_ONCE = 2;
  @TempDir
  Path data;

  @Test
  void atMostTheBoundRunsAtOnceALateCallerIsBusyAndCachedKeysStillPass() throws Exception {
    ApiKeys keys = ApiKeys.open(data, Clock.systemUTC(), new Argon2Gate(AT_ONCE, Duration.ofMillis(200)));
    String target = keys.create(new KeySpec("target", Scope.INGEST, List.of(), null, null)).key();
    String targetId = target.substring(0, target.indexOf(':'));
    String legit = keys.create(new KeySpec("legit", Scope.READ, List.of(), null, null)).key();
    keys.authenticate("Bearer " + legit); // checked once: cached from now on
    ExecutorService flood = Executors.newVirtualThreadPerTaskExecutor();
    try (HeldArgon2Checks checks = new HeldArgon2Checks()) {
      List<Future<AccessDenied.Reason>> held = new ArrayList<>();
      for (int i = 0; i < AT_ONCE + 3; i++) {
        String guess = HeldArgon2Checks.HELD + i;
        held.add(flood.submit(() -> refusal(() -> keys.verify(targetId, guess))));
      }
      Await.until("the gate to be full", () -> checks.running() == AT_ONCE);
      assertThatThrownBy(() -> keys.verify(targetId, HeldArgon2Checks.HELD + "late"))
          .isInstanceOfSatisfying(AccessDenied.class, denied -> {
            assertThat(denied.reason()).isEqualTo(AccessDenied.Reason.BUSY);
            assertThat(denied.retryAfterSeconds()).isEqualTo(Argon2Gate.RETRY_AFTER_SECONDS);
            assertThat(denied).hasMessageContaining("API key " + targetId).hasMessageContaining("the key may be right")
                .hasMessageNotContaining(HeldArgon2Checks.HELD);
          });
      int callsWhileFull = checks.calls();
      assertThat(keys.authenticate("Bearer " + legit).name()).as("a cached key passes during the flood").isEqualTo("legit");
      assertThatThrownBy(() -> keys.authenticate("Bearer " + legit + "x")).as("a wrong secret for a cached key")
          .isInstanceOfSatisfying(AccessDenied.class, denied -> assertThat(denied.reason()).isEqualTo(AccessDenied.Reason.INVALID));
      assertThat(checks.calls()).as("no Argon2 for a cached key").isEqualTo(callsWhileFull);

      checks.release();
      for (Future<AccessDenied.Reason> refused : held) {
        assertThat(refused.get()).isIn(AccessDenied.Reason.INVALID, AccessDenied.Reason.BUSY);
      }
      assertThat(checks.mostAtOnce()).isEqualTo(AT_ONCE);
    } finally {
      flood.shutdownNow();
    }
  }

  @Test
  void aWrongSecretRefusedOnceIsRefusedAgainWithoutArgon2() throws Exception {
    ApiKeys keys = ApiKeys.open(data, Clock.systemUTC(), new Argon2Gate(AT_ONCE, Duration.ofSeconds(30)));
    String key = keys.create(new KeySpec("stale", Scope.INGEST, List.of(), null, null)).key();
    String id = key.substring(0, key.indexOf(':'));
    try (HeldArgon2Checks checks = new HeldArgon2Checks()) {
      for (int i = 0; i < 5; i++) {
        assertThat(refusal(() -> keys.verify(id, "an-old-secret"))).isEqualTo(AccessDenied.Reason.INVALID);
      }
      assertThat(checks.calls()).as("one Argon2 check for five tries of one wrong secret").isEqualTo(1);
      assertThat(refusal(() -> keys.verify(id, "another-old-secret"))).isEqualTo(AccessDenied.Reason.INVALID);
      assertThat(checks.calls()).as("a different wrong secret is checked").isEqualTo(2);
      assertThat(keys.authenticate("Bearer " + key).keyId()).as("the right secret still passes").isEqualTo(id);
    }
  }

  private interface Call {
    void run() throws AccessDenied;
  }

  /** The reason {@code call} was refused with; fails when it was not refused. */
  private static AccessDenied.Reason refusal(Call call) {
    try {
      call.run();
    } catch (AccessDenied denied) {
      return denied.reason();
    }
    throw new AssertionError("not refused");
  }
}
