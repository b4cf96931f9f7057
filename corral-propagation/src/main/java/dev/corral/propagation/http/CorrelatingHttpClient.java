package dev.corral.propagation.http;

import dev.corral.propagation.CorrelationContext;
import dev.corral.propagation.CorrelationHeaders;
import dev.corral.propagation.CorrelationIds;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An {@link HttpClient} that sends the current thread's {@link CorrelationIds} on every request: a
 * {@code traceparent} with a new span id for the call (a child of the current span, a new one per request),
 * {@code X-Trace-ID} and {@code X-Request-ID} ({@link CorrelationHeaders#forCall}). Everything else is the
 * wrapped client's: connections, executor, timeouts, redirects, authentication.
 *
 * <pre>{@code
 * HttpClient http = CorrelatingHttpClient.wrap(HttpClient.newHttpClient());   // once, shared
 * http.send(request, BodyHandlers.ofString());                                 // carries the ids
 * }</pre>
 *
 * <p>Why a client and not a request-builder decorator: code keeps its {@code HttpClient} type and every call
 * site is covered, including ones in libraries that take an {@code HttpClient}, without anyone remembering
 * to decorate each request. Requests built elsewhere still get the ids; {@link #withCurrentIds} is there
 * for code that must keep its own client.
 *
 * <p>The ids are those current on the thread that calls {@code send}/{@code sendAsync} (for
 * {@code sendAsync}, taken at the call, not on the thread that completes it). Without current ids, a request
 * goes out unchanged and the called service starts its own trace. A header the request already has is left
 * as it is. {@link #newWebSocketBuilder()} adds the ids current when it is called to the opening handshake.
 *
 * <p>On Java 21 and later, {@code close()}, {@code shutdown()}, {@code shutdownNow()},
 * {@code awaitTermination} and {@code isTerminated()} act on the wrapped client. Safe for concurrent use, as
 * the wrapped client is.
 */
public final class CorrelatingHttpClient extends HttpClient {
  private final HttpClient delegate;

  private CorrelatingHttpClient(HttpClient delegate) {
    this.delegate = delegate;
  }

  /** {@code delegate} sending the current ids on every request; a client already wrapped is returned as is. */
  public static HttpClient wrap(HttpClient delegate) {
    if (delegate == null) {
      throw new IllegalArgumentException("the HttpClient to wrap must not be null");
    }
    return delegate instanceof CorrelatingHttpClient ? delegate : new CorrelatingHttpClient(delegate);
  }

  /** {@code HttpClient.newHttpClient()}, wrapped. */
  public static HttpClient newHttpClient() {
    return wrap(HttpClient.newHttpClient());
  }

  /**
   * {@code request} with the current ids' headers added (those it does not have already), or
   * {@code request} itself when there are no current ids or it has them all. For code that keeps its own
   * client: {@code client.send(CorrelatingHttpClient.withCurrentIds(request), handler)}.
   */
  public static HttpRequest withCurrentIds(HttpRequest request) {
    Optional<CorrelationIds> current = CorrelationContext.current();
    if (current.isEmpty()) {
      return request;
    }
    Map<String, String> headers = CorrelationHeaders.forCall(current.get());
    if (headers.keySet().stream().allMatch(name -> request.headers().firstValue(name).isPresent())) {
      return request;
    }
    HttpRequest.Builder copy = HttpRequest.newBuilder(request, (name, value) -> true);
    headers.forEach((name, value) -> {
      if (request.headers().firstValue(name).isEmpty()) {
        copy.setHeader(name, value);
      }
    });
    return copy.build();
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> responseBodyHandler)
      throws IOException, InterruptedException {
    return delegate.send(withCurrentIds(request), responseBodyHandler);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
      HttpResponse.BodyHandler<T> responseBodyHandler) {
    return delegate.sendAsync(withCurrentIds(request), responseBodyHandler);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
      HttpResponse.BodyHandler<T> responseBodyHandler, HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
    return delegate.sendAsync(withCurrentIds(request), responseBodyHandler, pushPromiseHandler);
  }

  @Override
  public WebSocket.Builder newWebSocketBuilder() {
    WebSocket.Builder builder = delegate.newWebSocketBuilder();
    CorrelationHeaders.injectCurrent(builder::header);
    return builder;
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return delegate.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return delegate.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return delegate.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return delegate.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return delegate.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return delegate.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return delegate.authenticator();
  }

  @Override
  public Version version() {
    return delegate.version();
  }

  @Override
  public Optional<Executor> executor() {
    return delegate.executor();
  }

  // Java 21's lifecycle methods: this class compiles for Java 17, where HttpClient has none of them (hence no
  // @Override); on 21 and later they override HttpClient's defaults, which would not reach the delegate.

  /** Java 21+: closes the wrapped client (waits for its requests to finish). */
  public void close() {
    if (delegate instanceof AutoCloseable) {
      HttpClientLifecycle.close(delegate);
    }
  }

  /** Java 21+: shuts the wrapped client down. */
  public void shutdown() {
    HttpClientLifecycle.shutdown(delegate);
  }

  /** Java 21+: shuts the wrapped client down now. */
  public void shutdownNow() {
    HttpClientLifecycle.shutdownNow(delegate);
  }

  /** Java 21+: waits for the wrapped client to terminate. */
  public boolean awaitTermination(Duration duration) throws InterruptedException {
    return HttpClientLifecycle.awaitTermination(delegate, duration);
  }

  /** Java 21+: whether the wrapped client terminated. */
  public boolean isTerminated() {
    return HttpClientLifecycle.isTerminated(delegate);
  }
}
