package dev.corral.demo;

import java.time.Duration;
import java.time.Instant;

/**
 * When the fleet misbehaves: a pure function of the seed and the time since the simulation
 * started, so a replay with the same seed has the same incidents at the same moments.
 *
 * <ul>
 *   <li>Payment outage: every {@value #PAYMENT_PERIOD_S} s the card processor fails for 60-90 s;
 *       the first one starts {@value #FIRST_PAYMENT_OUTAGE_S} s into the run so a fresh demo shows
 *       ERRORs at once.
 *   <li>Slow database: every {@value #SLOW_DB_PERIOD_S} s the database of {@code inventory} or
 *       {@code order-service} slows down for 2-3 minutes, raising their p95 latency.
 * </ul>
 */
final class IncidentSchedule {
  static final long PAYMENT_PERIOD_S = 600;
  static final long FIRST_PAYMENT_OUTAGE_S = 3;
  static final long SLOW_DB_PERIOD_S = 720;
  /** Leaves the first payment outage alone on screen before the database slows down. */
  static final long FIRST_SLOW_DB_S = 150;
  private static final String[] SLOW_DB_SERVICES = {"inventory", "order-service"};

  private final long seed;
  private final Instant start;

  IncidentSchedule(long seed, Instant start) {
    this.seed = seed;
    this.start = start;
  }

  /** Whether the card processor is failing at {@code t}. */
  boolean paymentOutage(Instant t) {
    long s = secondsSinceStart(t);
    if (s < 0) {
      return false;
    }
    long period = s / PAYMENT_PERIOD_S;
    long offset = period == 0 ? FIRST_PAYMENT_OUTAGE_S : 30 + mix(period, 1) % 240;
    long length = 60 + mix(period, 2) % 31;
    long inPeriod = s % PAYMENT_PERIOD_S;
    return inPeriod >= offset && inPeriod < offset + length;
  }

  /** The service whose database is slow at {@code t}, or {@code null}. */
  String slowDatabase(Instant t) {
    long s = secondsSinceStart(t) - FIRST_SLOW_DB_S;
    if (s < 0) {
      return null;
    }
    long period = s / SLOW_DB_PERIOD_S;
    long offset = period == 0 ? 0 : mix(period, 3) % 300;
    long length = 120 + mix(period, 4) % 61;
    long inPeriod = s % SLOW_DB_PERIOD_S;
    if (inPeriod < offset || inPeriod >= offset + length) {
      return null;
    }
    return SLOW_DB_SERVICES[(int) ((period + mix(0, 5)) % SLOW_DB_SERVICES.length)];
  }

  private long secondsSinceStart(Instant t) {
    return Math.floorDiv(Duration.between(start, t).toMillis(), 1000);
  }

  /** A non-negative hash of the seed, the period and a salt (SplitMix64 finalizer). */
  private long mix(long period, long salt) {
    long z = seed + period * 0x9E3779B97F4A7C15L + salt * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return (z ^ (z >>> 31)) & Long.MAX_VALUE;
  }
}
