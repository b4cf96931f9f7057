package dev.corral.demo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts NDJSON batches to Corral's ingest endpoint and keeps at it until the server has answered:
 * 429, 503 and 507 (and other 5xx) are retried after the server's {@code Retry-After} or an
 * exponential backoff, as are connection failures while the server starts; a 413 splits the
 * batch; any other 4xx counts the batch as rejected (retrying it could never succeed). Used by
 * one thread at a time.
 */
final class IngestShipper {
  private static final Logger log = LoggerFactory.getLogger(IngestShipper.class);
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  /** The server answers once the batch is durable; a group commit takes milliseconds, not this. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
  /** A server asking for a longer pause is obeyed only this long, so the demo never looks hung. */
  static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);
  /** How often a waiting retry checks whether it should give up. */
  private static final long WAIT_SLICE_MS = 50;

  private final URI ingestUri;
  private final HttpClient client;
  private final FleetCounters counters;
  private final JsonFactory json = new JsonFactory();
  private boolean gzip;
  private boolean failing;

  IngestShipper(URI ingestUri, boolean gzip, HttpClient client, FleetCounters counters) {
    this.ingestUri = ingestUri;
    this.gzip = gzip;
    this.client = client;
    this.counters = counters;
  }

  /**
   * Delivers {@code batch}, retrying until the server answered it or {@code giveUp} says stop.
   *
   * @return whether the server answered (accepted or rejected) every line; {@code false} when
   *     given up, the lines not answered are then counted as dropped
   * @throws InterruptedException when the thread is interrupted; nothing is counted then
   */
  boolean deliver(NdjsonBatch batch, BooleanSupplier giveUp) throws InterruptedException {
    int attempt = 0;
    while (true) {
      if (attempt > 0 && giveUp.getAsBoolean()) {
        counters.dropped.addAndGet(batch.events());
        return false;
      }
      HttpResponse<byte[]> response;
      try {
        response = client.send(request(batch), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        String reason = "cannot reach " + ingestUri + ": " + describe(e);
        failed(reason, null);
        attempt++;
        counters.retries.incrementAndGet();
        waitOrGiveUp(backoff(attempt), giveUp);
        continue;
      }
      int status = response.statusCode();
      if (status == 200) {
        recordAnswer(batch, response.body());
        return true;
      }
      String reason = "HTTP " + status + " from " + ingestUri + ": " + snippet(response.body());
      if (status == 415 && gzip) {
        gzip = false;
        log.atWarn().addKeyValue("status", status).log("ingest refused gzip bodies, sending them plain");
        attempt++;
        counters.retries.incrementAndGet();
        continue;
      }
      if (status == 413 && batch.events() > 1) {
        NdjsonBatch[] halves = batch.split();
        log.atDebug().addKeyValue("events", batch.events()).log("ingest said batch too large, splitting it");
        boolean first = deliver(halves[0], giveUp);
        boolean second = deliver(halves[1], giveUp);
        return first && second;
      }
      if (status == 429 || status >= 500) {
        failed(reason, status);
        attempt++;
        counters.retries.incrementAndGet();
        Duration wait = retryAfter(response).orElse(backoff(attemptFor(status, attempt)));
        waitOrGiveUp(wait, giveUp);
        continue;
      }
      counters.rejected.addAndGet(batch.events());
      counters.error(reason);
      log.atError().addKeyValue("status", status).addKeyValue("events", batch.events())
          .log("ingest rejected a whole batch: {}", reason);
      return true;
    }
  }

  private HttpRequest request(NdjsonBatch batch) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(ingestUri)
        .timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/x-ndjson")
        .header("User-Agent", "corral-demo");
    if (gzip) {
      builder.header("Content-Encoding", "gzip");
      return builder.POST(HttpRequest.BodyPublishers.ofByteArray(gzip(batch.body()))).build();
    }
    return builder.POST(HttpRequest.BodyPublishers.ofByteArray(batch.body())).build();
  }

  private void recordAnswer(NdjsonBatch batch, byte[] body) {
    counters.batchesSent.incrementAndGet();
    if (failing) {
      failing = false;
      log.atInfo().addKeyValue("target", ingestUri).log("ingest reachable again");
    }
    long accepted = -1;
    long rejected = 0;
    String firstError = null;
    try (JsonParser p = json.createParser(body)) {
      if (p.nextToken() == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          JsonToken value = p.nextToken();
          switch (field) {
            case "accepted" -> accepted = p.getLongValue();
            case "rejected" -> rejected = p.getLongValue();
            case "errors" -> firstError = firstErrorOf(p, value);
            default -> p.skipChildren();
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      counters.error("unreadable ingest answer (" + describe(e) + "): " + snippet(body));
    }
    if (accepted < 0) {
      accepted = batch.events() - rejected;
    }
    counters.accepted.addAndGet(accepted);
    counters.rejected.addAndGet(rejected);
    if (rejected > 0) {
      String reason = "ingest rejected " + rejected + " of " + batch.events() + " lines"
          + (firstError == null ? "" : ", first: " + firstError);
      counters.error(reason);
      log.atWarn().addKeyValue("rejected", rejected).log(reason);
    }
  }

  private static String firstErrorOf(JsonParser p, JsonToken value) throws IOException {
    if (value != JsonToken.START_ARRAY) {
      p.skipChildren();
      return null;
    }
    String first = null;
    while (p.nextToken() == JsonToken.START_OBJECT) {
      String line = null;
      String reason = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "line" -> line = p.getValueAsString();
          case "reason" -> reason = p.getValueAsString();
          default -> p.skipChildren();
        }
      }
      if (first == null) {
        first = "line " + line + ": " + reason;
      }
    }
    return first;
  }

  private void failed(String reason, Integer status) {
    counters.error(reason);
    if (!failing) {
      failing = true;
      log.atWarn().addKeyValue("status", status).addKeyValue("target", ingestUri)
          .log("ingest pushed back or unreachable, retrying: {}", reason);
    } else {
      log.atDebug().addKeyValue("status", status).log("retrying: {}", reason);
    }
  }

  /** Pressure from a full disk eases slowly; start those backoffs a few steps up. */
  private static int attemptFor(int status, int attempt) {
    return status == 507 ? attempt + 3 : attempt;
  }

  static Duration backoff(int attempt) {
    long ms = FIRST_BACKOFF.toMillis() << Math.min(attempt - 1, 16);
    ms = Math.min(ms, MAX_BACKOFF.toMillis());
    double jitter = 0.75 + 0.5 * ThreadLocalRandom.current().nextDouble();
    return Duration.ofMillis(Math.round(ms * jitter));
  }

  /** The server's Retry-After (seconds or an HTTP date), capped at {@link #MAX_RETRY_AFTER}. */
  static java.util.Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").map(String::trim).flatMap(value -> {
      Duration wait;
      try {
        wait = Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
      } catch (NumberFormatException notSeconds) {
        try {
          wait = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
        } catch (RuntimeException notDate) {
          return java.util.Optional.empty();
        }
      }
      if (wait.isNegative()) {
        wait = Duration.ZERO;
      }
      return java.util.Optional.of(wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait);
    });
  }

  private static void waitOrGiveUp(Duration wait, BooleanSupplier giveUp) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (!giveUp.getAsBoolean()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      Thread.sleep(Math.min(WAIT_SLICE_MS, Math.max(1, left / 1_000_000)));
    }
  }

  private static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
    try (GZIPOutputStream zip = new GZIPOutputStream(out, 8192)) {
      zip.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException("BUG: gzip into memory failed", e);
    }
    return out.toByteArray();
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : " " + message);
  }

  private static String snippet(byte[] body) {
    String text = new String(body, 0, Math.min(body.length, 300), java.nio.charset.StandardCharsets.UTF_8);
    return text.replace('\n', ' ').strip();
  }
}
