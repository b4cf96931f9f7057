package dev.corral.ship.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void eachWaitIsJitteredUnderADoublingCeilingCappedAtTheMaximum() {
    Backoff backoff = new Backoff();
    for (int failure = 0; failure < 40; failure++) {
      long ceiling = Math.min(Backoff.MAX.toMillis(), Backoff.BASE.toMillis() << Math.min(failure, 20));
      Duration wait = backoff.next();
      assertThat(wait).isBetween(Backoff.BASE, Duration.ofMillis(ceiling));
    }
  }

  @Test
  void resetStartsOverFromTheBase() {
    Backoff backoff = new Backoff();
    for (int failure = 0; failure < 10; failure++) {
      backoff.next();
    }
    backoff.reset();
    assertThat(backoff.next()).isBetween(Backoff.BASE, Backoff.BASE);
  }
}
