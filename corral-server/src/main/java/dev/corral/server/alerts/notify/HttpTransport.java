package dev.corral.server.alerts.notify;

import dev.corral.server.alerts.Notification;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Posts a notification's JSON messages (one for most channels, one per alert for PagerDuty) to the channel's
 * URL, in order, stopping at the first that fails. Redirects are never followed (a message goes only where
 * {@code channels.yaml} points). Each request has the connect and response timeout; the whole exchange,
 * body included, at most twice that.
 */
final class HttpTransport implements Transport {
  static final String USER_AGENT = "Corral-Alerts/1";

  private final HttpClient client;
  private final Duration timeout;
  private final Function<Notification, List<HttpMessage>> messages;

  /** @param client built with the connect timeout and {@link HttpClient.Redirect#NEVER} */
  HttpTransport(HttpClient client, Duration timeout, Function<Notification, List<HttpMessage>> messages) {
    this.client = client;
    this.timeout = timeout;
    this.messages = messages;
  }

  @Override
  public AttemptResult send(Notification notification) throws InterruptedException {
    AttemptResult last = AttemptResult.delivered(0);
    for (HttpMessage message : messages.apply(notification)) {
      last = post(message);
      if (!last.delivered()) {
        return last;
      }
    }
    return last;
  }

  private AttemptResult post(HttpMessage message) throws InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(message.url()).timeout(timeout)
        .header("Content-Type", "application/json").header("User-Agent", USER_AGENT)
        .POST(HttpRequest.BodyPublishers.ofByteArray(message.body()));
    message.headers().forEach(request::header);
    CompletableFuture<HttpResponse<String>> exchange = client.sendAsync(request.build(), ResponseExcerpt.handler());
    HttpResponse<String> response;
    try {
      response = exchange.get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      exchange.cancel(true);
      return AttemptResult.failed(0, "no complete response within " + timeout.multipliedBy(2).toMillis() + " ms",
          true);
    } catch (InterruptedException e) {
      exchange.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      return failure(message, e.getCause());
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return AttemptResult.delivered(status);
    }
    String excerpt = response.body().isEmpty() ? "" : ": " + response.body();
    String redirect = status >= 300 && status < 400 ? " (redirects are not followed; point the channel at "
        + response.headers().firstValue("Location").orElse("the final URL") + ")" : "";
    return AttemptResult.failed(status, "HTTP " + status + redirect + excerpt, AttemptResult.retryableStatus(status));
  }

  private AttemptResult failure(HttpMessage message, Throwable cause) {
    String where = message.url().getHost() + (message.url().getPort() < 0 ? "" : ":" + message.url().getPort());
    return switch (cause) {
      case HttpConnectTimeoutException e -> AttemptResult.failed(0, "connect to " + where + " timed out after "
          + timeout.toMillis() + " ms", true);
      case HttpTimeoutException e -> AttemptResult.failed(0, "no response from " + where + " within "
          + timeout.toMillis() + " ms", true);
      case ConnectException e -> AttemptResult.failed(0, "connection to " + where + " refused or unreachable"
          + (e.getMessage() == null ? "" : ": " + e.getMessage()), true);
      case IOException e -> AttemptResult.failed(0, "I/O error talking to " + where + ": " + e, true);
      case IllegalArgumentException e -> AttemptResult.failed(0, "request refused by the HTTP client: "
          + e.getMessage(), false);
      default -> AttemptResult.failed(0, "unexpected failure talking to " + where + ": " + cause, true);
    };
  }

  /** A message of {@code json} (maps, lists, scalars) to {@code channel}'s URL with {@code headers}. */
  static HttpMessage json(java.net.URI url, Map<String, String> headers, Object json) {
    return new HttpMessage(url, headers, JsonBodies.bytes(json));
  }
}
