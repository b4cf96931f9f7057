package dev.corral.client;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How a {@link CorralClient} delivers: where to, with which key, how much it may hold, and how long it may
 * take to shut down. Fixed at creation.
 *
 * @param url Corral's base URL ({@code http://corral:8080}); events go to {@code url + /api/v1/ingest} (a URL
 *     that already ends in {@code /api/v1/ingest} is taken as it is)
 * @param apiKey {@code id:secret} of a key with scope {@code ingest}, or null when Corral runs without keys
 * @param queueSize events held in memory while they wait for the sender
 * @param batchSize events per request at most (a request also stops at {@link #MAX_BATCH_CHARS})
 * @param flushInterval how long an event may wait for its batch to fill
 * @param spillDirectory where batches go while Corral is unreachable, or null for none (then the queue fills and
 *     drops); one directory per running application
 * @param spillMaxBytes the spill directory's bound; when full, the queue fills and drops again
 * @param shutdownTimeout how long {@link CorralClient#close()} may take to deliver what is queued
 */
public record ClientConfig(URI url, String apiKey, int queueSize, DropPolicy dropPolicy, int batchSize,
    Duration flushInterval, Path spillDirectory, long spillMaxBytes, Duration shutdownTimeout) {
  /** Ten thousand events is a few seconds of a busy service, and at most a few MB of memory. */
  public static final int DEFAULT_QUEUE_SIZE = 10_000;
  /** Five hundred events make a request of 100–300 KB before gzip: few requests, small enough to retry. */
  public static final int DEFAULT_BATCH_SIZE = 500;
  /** An event waits at most a second before it is sent: near-live search without a request per event. */
  public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);
  /** 100 MiB of gzip'd batches: an outage of hours for a typical service. */
  public static final long DEFAULT_SPILL_MAX_BYTES = 100L * 1024 * 1024;
  /** Long enough to deliver a full queue to a live server, short enough not to hold up a deploy. */
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);
  /**
   * Characters of NDJSON per request before gzip, at most 12 MiB of UTF-8: under Corral's 32 MiB body limit
   * ({@code http.max_body_bytes}, counted after decompression) even when every event is near its size cap.
   */
  public static final int MAX_BATCH_CHARS = 4 * 1024 * 1024;

  public ClientConfig {
    if (url == null || url.getScheme() == null || !url.getScheme().startsWith("http")) {
      throw new IllegalArgumentException("url '" + url + "' is not an http(s) URL of a Corral server");
    }
    requireAtLeast("queueSize", queueSize, 1);
    requireAtLeast("batchSize", batchSize, 1);
    requireAtLeast("spillMaxBytes", spillMaxBytes, 1);
    if (flushInterval == null || flushInterval.isNegative() || flushInterval.isZero()) {
      throw new IllegalArgumentException("flushInterval " + flushInterval + " must be positive");
    }
    if (shutdownTimeout == null || shutdownTimeout.isNegative()) {
      throw new IllegalArgumentException("shutdownTimeout " + shutdownTimeout + " must be zero or positive");
    }
    if (dropPolicy == null) {
      throw new IllegalArgumentException("dropPolicy is required (drop_debug_first or drop_newest)");
    }
    apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
  }

  /** The defaults above for {@code url}, no key, no spill. */
  public static ClientConfig defaults(URI url) {
    return new ClientConfig(url, null, DEFAULT_QUEUE_SIZE, DropPolicy.DROP_DEBUG_FIRST, DEFAULT_BATCH_SIZE,
        DEFAULT_FLUSH_INTERVAL, null, DEFAULT_SPILL_MAX_BYTES, DEFAULT_SHUTDOWN_TIMEOUT);
  }

  /** The ingest endpoint events are posted to. */
  public URI ingestUri() {
    String base = url.toString();
    if (base.endsWith("/api/v1/ingest")) {
      return url;
    }
    return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/v1/ingest");
  }

  private static void requireAtLeast(String name, long value, long minimum) {
    if (value < minimum) {
      throw new IllegalArgumentException(name + " " + value + " must be at least " + minimum);
    }
  }
}
