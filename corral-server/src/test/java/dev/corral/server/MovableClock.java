package dev.corral.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand: rules fall due, windows end, sessions and locks expire by its time. Always UTC. */
public final class MovableClock extends Clock {
  private volatile Instant now;

  /** A clock at 2026-01-01T00:00:00Z. */
  public MovableClock() {
    this(Instant.parse("2026-01-01T00:00:00Z"));
  }

  public MovableClock(Instant start) {
    this.now = start;
  }

  /** Moves the clock forward by {@code by}. */
  public void advance(Duration by) {
    now = now.plus(by);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
