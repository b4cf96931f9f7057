package dev.corral.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Corral's {@code POST /api/v1/ingest} as the sender sees it: a gzip'd NDJSON body in, a {@link PostOutcome}
 * out. The API key goes in {@code Authorization: ApiKey <id:secret>} (docs/security.md). Used by the sender
 * thread only; it never throws, a failure is an outcome.
 */
final class IngestEndpoint {
  /** A server that does not accept a connection in 5 s is taken as down; the retry comes later. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** Corral answers after fsync and may hold a request up to 5 s for backpressure; 30 s leaves room for both. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern REJECTED = Pattern.compile("\"rejected\"\\s*:\\s*(\\d+)");
  private static final int MAX_REASON_CHARS = 300;
  private final HttpClient http;
  private final URI uri;
  private final String authorization;

  IngestEndpoint(URI uri, String apiKey) {
    this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    this.uri = uri;
    this.authorization = apiKey == null ? null : "ApiKey " + apiKey;
  }

  /**
   * Posts one batch of {@code events} events, gzip'd NDJSON.
   *
   * @throws InterruptedException when the sender is interrupted (the shutdown limit passed)
   */
  PostOutcome post(byte[] gzippedNdjson, int events) throws InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/x-ndjson").header("Content-Encoding", "gzip")
        .POST(HttpRequest.BodyPublishers.ofByteArray(gzippedNdjson));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new PostOutcome(PostOutcome.Kind.RETRY, 0, 0, null, uri + " unreachable: " + e);
    }
    return outcome(response.statusCode(), response.body(), response.headers().firstValue("Retry-After").orElse(null),
        events);
  }

  /** The outcome of an answer {@code status} with {@code body} to a batch of {@code events} events. */
  static PostOutcome outcome(int status, String body, String retryAfterHeader, int events) {
    String reason = status + " from Corral: " + (body.length() > MAX_REASON_CHARS
        ? body.substring(0, MAX_REASON_CHARS) + "…" : body);
    if (status >= 200 && status < 300) {
      long rejected = Math.min(events, number(REJECTED, body));
      return new PostOutcome(PostOutcome.Kind.DELIVERED, events - rejected, rejected, null, reason);
    }
    if (status == 429 || status >= 500) {
      return new PostOutcome(PostOutcome.Kind.RETRY, 0, 0, retryAfter(retryAfterHeader), reason);
    }
    return new PostOutcome(PostOutcome.Kind.REFUSED, 0, events, null, reason);
  }

  /** The number after {@code "rejected":} in Corral's answer; the rest of the batch counts as accepted. */
  private static long number(Pattern pattern, String body) {
    Matcher matcher = pattern.matcher(body);
    return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
  }

  /** {@code Retry-After} in seconds (Corral sends whole seconds); an HTTP date or garbage counts as absent. */
  private static Duration retryAfter(String header) {
    if (header == null) {
      return null;
    }
    try {
      long seconds = Long.parseLong(header.trim());
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
