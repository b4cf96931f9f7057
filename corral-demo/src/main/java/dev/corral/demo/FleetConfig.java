package dev.corral.demo;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Settings of a {@link DemoFleet}, fixed at creation.
 *
 * @param target the Corral server's base URL ({@code http://localhost:8080}); a URL that already
 *     ends in {@value #INGEST_PATH} is used as is
 * @param eventsPerSecond events the whole fleet emits per second, paced smoothly
 * @param seed seed of the simulation: the same seed replays the same fleet
 * @param batchInterval how often the pending events are shipped as one batch
 * @param gzip whether bodies are sent with {@code Content-Encoding: gzip} (the fleet falls back to
 *     plain bodies by itself if the server answers 415)
 * @param backfill how much calm history (no incidents) the fleet sends at start, ending where the live
 *     events begin, at {@link #BACKFILL_EVENTS_PER_SECOND}: the "previous hour" that baselines and
 *     alert previews compare against; zero for none
 */
public record FleetConfig(URI target, double eventsPerSecond, long seed, Duration batchInterval, boolean gzip,
    Duration backfill) {
  public static final String INGEST_PATH = "/api/v1/ingest";
  public static final URI DEFAULT_TARGET = URI.create("http://localhost:8080");
  /** A steady trickle that fills charts and keeps a laptop idle. */
  public static final double DEFAULT_EVENTS_PER_SECOND = 500;
  /** Five batches a second: events are searchable well within a second, batches stay small. */
  public static final Duration DEFAULT_BATCH_INTERVAL = Duration.ofMillis(200);
  /** One generator thread renders about 100k events per second on a laptop core; beyond that it falls behind. */
  public static final double MAX_EVENTS_PER_SECOND = 100_000;
  /** Below this the loop mostly sleeps; above it a dashboard looks frozen. */
  public static final Duration MIN_BATCH_INTERVAL = Duration.ofMillis(10);
  public static final Duration MAX_BATCH_INTERVAL = Duration.ofSeconds(60);
  /**
   * The history's rate: an hour of it is 180k events (about 110 MB of NDJSON, ingested in seconds), plenty
   * for per-service percentiles, where the live rate would put a million events in the queue at once.
   */
  public static final double BACKFILL_EVENTS_PER_SECOND = 50;
  /** A day of history at most: more is a bulk load, not a demo. */
  public static final Duration MAX_BACKFILL = Duration.ofDays(1);

  public FleetConfig {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(batchInterval, "batchInterval");
    String scheme = target.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || target.getHost() == null) {
      throw new IllegalArgumentException("target (" + target + ") must be an http or https URL with a host");
    }
    if (!(eventsPerSecond > 0) || eventsPerSecond > MAX_EVENTS_PER_SECOND) {
      throw new IllegalArgumentException("eventsPerSecond (" + eventsPerSecond + ") must be in (0, "
          + (long) MAX_EVENTS_PER_SECOND + "]");
    }
    if (batchInterval.compareTo(MIN_BATCH_INTERVAL) < 0 || batchInterval.compareTo(MAX_BATCH_INTERVAL) > 0) {
      throw new IllegalArgumentException("batchInterval (" + batchInterval + ") must be between "
          + MIN_BATCH_INTERVAL + " and " + MAX_BATCH_INTERVAL);
    }
    Objects.requireNonNull(backfill, "backfill");
    if (backfill.isNegative() || backfill.compareTo(MAX_BACKFILL) > 0) {
      throw new IllegalArgumentException("backfill (" + backfill + ") must be between 0 and " + MAX_BACKFILL);
    }
  }

  /** No backfill. */
  public FleetConfig(URI target, double eventsPerSecond, long seed, Duration batchInterval, boolean gzip) {
    this(target, eventsPerSecond, seed, batchInterval, gzip, Duration.ZERO);
  }

  /** Gzip on, no backfill. */
  public FleetConfig(URI target, double eventsPerSecond, long seed, Duration batchInterval) {
    this(target, eventsPerSecond, seed, batchInterval, true);
  }

  /** Defaults for everything but the target: 500 events/s, a random seed, a batch every 200 ms. */
  public static FleetConfig of(URI target) {
    return new FleetConfig(target, DEFAULT_EVENTS_PER_SECOND, ThreadLocalRandom.current().nextLong(),
        DEFAULT_BATCH_INTERVAL, true);
  }

  /** Defaults against {@code http://localhost:8080}. */
  public static FleetConfig defaults() {
    return of(DEFAULT_TARGET);
  }

  public FleetConfig withTarget(URI newTarget) {
    return new FleetConfig(newTarget, eventsPerSecond, seed, batchInterval, gzip, backfill);
  }

  public FleetConfig withEventsPerSecond(double rate) {
    return new FleetConfig(target, rate, seed, batchInterval, gzip, backfill);
  }

  public FleetConfig withSeed(long newSeed) {
    return new FleetConfig(target, eventsPerSecond, newSeed, batchInterval, gzip, backfill);
  }

  public FleetConfig withBatchInterval(Duration interval) {
    return new FleetConfig(target, eventsPerSecond, seed, interval, gzip, backfill);
  }

  public FleetConfig withGzip(boolean on) {
    return new FleetConfig(target, eventsPerSecond, seed, batchInterval, on, backfill);
  }

  public FleetConfig withBackfill(Duration history) {
    return new FleetConfig(target, eventsPerSecond, seed, batchInterval, gzip, history);
  }

  /** The URL batches are posted to. */
  public URI ingestUri() {
    String text = target.toString();
    if (text.endsWith(INGEST_PATH)) {
      return target;
    }
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    return URI.create(text + INGEST_PATH);
  }
}
