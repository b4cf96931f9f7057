package dev.corral.server.alerts.state;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock that moves only when told. */
final class FakeClock implements InstantSource {
  private Instant now;

  FakeClock(Instant start) {
    this.now = start;
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  /** Moves the clock on and returns the new time. */
  synchronized Instant advance(Duration by) {
    now = now.plus(by);
    return now;
  }
}
