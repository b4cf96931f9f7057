package dev.corral.server.alerts.notify;

import dev.corral.server.http.Handler;
import dev.corral.server.http.HttpError;
import dev.corral.server.http.Json;
import dev.corral.server.http.Request;
import dev.corral.server.http.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The channels' API:
 * <ul>
 *   <li>{@code GET /api/v1/alerts/channels} (read) → {@code {file, loaded_at, channels: [{name, type, target,
 *       state, queued, delivered, failed, dropped, grouped, last_error, deliveries: [...]}], refused: [...],
 *       unknown_channels: {name: count}}}; never a URL path, secret, key or password;
 *   <li>{@code POST /api/v1/alerts/channels/{name}/test} (admin) → sends a test notification and answers 200 with
 *       its final delivery log entry ({@code outcome} delivered or failed) once it is known, 202 with
 *       {@code {"outcome": "queued"}} if that takes longer than {@link #TEST_WAIT}; 404 for an unknown channel.
 * </ul>
 */
final class ChannelsHandler implements Handler {
  /** An admin waits for the test's answer this long; retries against a dead receiver take longer. */
  static final Duration TEST_WAIT = Duration.ofSeconds(30);

  private final AlertChannels channels;
  private final ChannelsView view;

  ChannelsHandler(AlertChannels channels, ChannelsView view) {
    this.channels = channels;
    this.view = view;
  }

  @Override
  public Response handle(Request request) throws Exception {
    if (request.method().equals("GET")) {
      return Response.json(200, Json.bytes(view.json(true)));
    }
    String tail = request.pathTail();
    if (!tail.endsWith("/test") || tail.length() <= "/test".length()) {
      throw new HttpError(404, "no such action '" + tail + "': POST /api/v1/alerts/channels/{name}/test");
    }
    String name = tail.substring(0, tail.length() - "/test".length());
    ChannelWorker worker = channels.workers().stream().filter(w -> w.channel().name().equals(name)).findFirst()
        .orElseThrow(() -> new HttpError(404, "no channel '" + name + "' in channels.yaml; GET /api/v1/alerts/channels"
            + " lists them"));
    Instant now = Instant.now();
    CompletableFuture<DeliveryAttempt> sent = channels.test(name, TestNotification.of(name, false, now))
        .orElseThrow(() -> new HttpError(404, "channel '" + name + "' was removed from channels.yaml just now"));
    if (TestNotification.resolvesAfter(worker.channel().type())) {
      channels.test(name, TestNotification.of(name, true, now));
    }
    try {
      DeliveryAttempt entry = sent.get(TEST_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      Map<String, Object> json = new LinkedHashMap<>(entry.json());
      json.put("channel", name);
      return Response.json(200, Json.bytes(json));
    } catch (TimeoutException e) {
      return Response.json(202, Json.bytes(Map.of("channel", name, "outcome", "queued",
          "note", "still being delivered (retries); GET /api/v1/alerts/channels shows the outcome")));
    }
  }
}
