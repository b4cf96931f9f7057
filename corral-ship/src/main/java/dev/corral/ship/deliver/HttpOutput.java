package dev.corral.ship.deliver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.ship.config.OutputConfig;
import dev.corral.ship.config.OutputFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Sends batches over HTTP with {@link HttpClient} to Corral's {@code POST /api/v1/ingest} or a {@code POST /_bulk},
 * and turns each answer into a {@link SendResult}:
 *
 * <ul>
 *   <li>2xx: delivered. Corral's answer counts the lines it rejected (kept as dead letters on its side); a
 *       {@code _bulk} answer with {@code "errors":true} is read item by item: a 429 item is sent again, any
 *       other failed item is rejected.
 *   <li>429, 503, 507 and every 5xx, connection errors and timeouts: retryable, after {@code Retry-After} when
 *       the server sent one.
 *   <li>401 and 403: retryable too. The batch is fine, the credentials are not; they may be fixed on the server
 *       (a key un-revoked, a scope changed), and meanwhile the spool keeps the logs instead of dropping them.
 *   <li>413: too large, the sender splits the batch.
 *   <li>any other 4xx: refused; the same request would get the same answer.
 * </ul>
 */
final class HttpOutput implements Output {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Like Filebeat's default {@code compression_level: 1}: most of gzip's saving for a fraction of its CPU. */
  private static final int GZIP_LEVEL = Deflater.BEST_SPEED;
  /** A server's error text quoted in our logs is cut here: enough for the reason, not a whole echoed body. */
  private static final int MAX_REASON_CHARS = 300;
  /** Connecting to a live server takes milliseconds; a dead address should fail well before the request timeout. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private final HttpClient client;
  private final BodyEncoder encoder;
  private final OutputConfig config;
  private final String authorization;

  HttpOutput(OutputConfig config) {
    this.config = config;
    this.encoder = BodyEncoder.of(config);
    this.authorization = config.apiKey() == null ? null
        : "ApiKey " + Base64.getEncoder().encodeToString(config.apiKey().getBytes(StandardCharsets.UTF_8));
    Duration connect = config.timeout().compareTo(CONNECT_TIMEOUT) < 0 ? config.timeout() : CONNECT_TIMEOUT;
    HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connect);
    if (config.tls().configured()) {
      try {
        builder.sslContext(config.tls().context());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    this.client = builder.build();
  }

  @Override
  public SendResult send(List<String> events, String pipeline) throws InterruptedException {
    URI endpoint = URI.create(config.url() + encoder.path(pipeline));
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(config.timeout())
        .header("Content-Type", "application/x-ndjson")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body(events, pipeline)));
    if (config.gzip()) {
      request.header("Content-Encoding", "gzip");
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<byte[]> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      return new SendResult.Retryable(endpoint + " unreachable: " + describe(e), null);
    }
    return interpret(response, events, endpoint);
  }

  private byte[] body(List<String> events, String pipeline) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(estimate(events));
    try (OutputStream body = config.gzip() ? new LevelledGzip(bytes) : bytes) {
      encoder.write(events, pipeline, body);
    } catch (IOException e) {
      throw new IllegalStateException("BUG: writing to memory failed", e);
    }
    return bytes.toByteArray();
  }

  private int estimate(List<String> events) {
    long chars = 0;
    for (String event : events) {
      chars += event.length() + 1;
    }
    return (int) Math.min(Integer.MAX_VALUE - 16, config.gzip() ? chars / 6 + 256 : chars + 256);
  }

  private SendResult interpret(HttpResponse<byte[]> response, List<String> events, URI endpoint) {
    int status = response.statusCode();
    String body = new String(response.body(), StandardCharsets.UTF_8);
    Optional<Duration> retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After"), Instant.now());
    if (status >= 200 && status < 300) {
      return config.format() == OutputFormat.CORRAL ? corralAnswer(body, events.size())
          : bulkAnswer(body, events, retryAfter.orElse(null));
    }
    String reason = "HTTP " + status + " from " + endpoint + ": " + cut(body);
    if (status == 413) {
      return new SendResult.TooLarge(reason);
    }
    if (status == 429 || status == 401 || status == 403 || status >= 500) {
      return new SendResult.Retryable(reason, retryAfter.orElse(null));
    }
    return new SendResult.Refused(status, reason);
  }

  /** {@code {"accepted": n, "rejected": m, "errors": [{"line": l, "reason": "..."}]}}. */
  private static SendResult corralAnswer(String body, int sent) {
    JsonNode answer = readJson(body);
    int rejected = answer == null ? 0 : answer.path("rejected").asInt(0);
    String first = rejected == 0 ? null : cut(answer.path("errors").path(0).toString());
    return new SendResult.Delivered(sent - rejected, rejected, first, List.of(), null);
  }

  /** {@code {"errors": bool, "items": [{"create": {"status": s, "error": {...}}}, ...]}}, items in request order. */
  private static SendResult bulkAnswer(String body, List<String> events, Duration retryAfter) {
    JsonNode answer = readJson(body);
    if (answer == null || !answer.path("errors").asBoolean(false)) {
      return new SendResult.Delivered(events.size(), 0, null, List.of(), null);
    }
    JsonNode items = answer.path("items");
    List<String> retry = new ArrayList<>();
    int rejected = 0;
    String first = null;
    for (int i = 0; i < events.size(); i++) {
      JsonNode item = items.path(i);
      JsonNode result = item.isObject() && item.size() > 0 ? item.elements().next() : item;
      int status = result.path("status").asInt(200);
      if (status == 429) {
        retry.add(events.get(i));
      } else if (status >= 300) {
        rejected++;
        if (first == null) {
          first = "item " + i + ": HTTP " + status + " " + cut(result.path("error").toString());
        }
      }
    }
    return new SendResult.Delivered(events.size() - rejected - retry.size(), rejected, first, retry, retryAfter);
  }

  private static JsonNode readJson(String body) {
    try {
      return body.isBlank() ? null : JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : " " + message);
  }

  private static String cut(String text) {
    return text.length() <= MAX_REASON_CHARS ? text : text.substring(0, MAX_REASON_CHARS) + "…";
  }

  @Override
  public void close() {
    client.close();
  }

  /** {@link GZIPOutputStream} at {@link #GZIP_LEVEL}. */
  private static final class LevelledGzip extends GZIPOutputStream {
    LevelledGzip(OutputStream out) throws IOException {
      super(out, 64 * 1024);
      def.setLevel(GZIP_LEVEL);
    }
  }
}
