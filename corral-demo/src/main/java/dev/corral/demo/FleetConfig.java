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
 */
public record FleetConfig(URI target, double eventsPerSecond, long seed, Duration batchInterval, boolean gzip) {
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
  }

  /** Gzip on. */
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
    return new FleetConfig(newTarget, eventsPerSecond, seed, batchInterval, gzip);
  }

  public FleetConfig withEventsPerSecond(double rate) {
    return new FleetConfig(target, rate, seed, batchInterval, gzip);
  }

  public FleetConfig withSeed(long newSeed) {
    return new FleetConfig(target, eventsPerSecond, newSeed, batchInterval, gzip);
  }

  public FleetConfig withBatchInterval(Duration interval) {
    return new FleetConfig(target, eventsPerSecond, seed, interval, gzip);
  }

  public FleetConfig withGzip(boolean on) {
    return new FleetConfig(target, eventsPerSecond, seed, batchInterval, on);
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
