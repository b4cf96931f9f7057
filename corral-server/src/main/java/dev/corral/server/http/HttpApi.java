package dev.corral.server.http;

import dev.corral.server.auth.Access;
import dev.corral.server.auth.AccessControl;
import dev.corral.server.auth.AccessDenied;
import dev.corral.server.auth.Credentials;
import dev.corral.server.limits.QueryRateLimits;
import dev.corral.server.auth.Principal;
import dev.corral.server.tls.ReloadingTls;
import java.io.IOException;
import java.io.OutputStream;
import java.io.BufferedOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.URIUtil;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: a thin table of routes ({@link RouteTable}) to handlers, served by Jetty 12
 * (core, no servlets) with every request handled on its own virtual thread. The only class that
 * touches the HTTP library. Responses are complete bodies, or {@link StreamingBody streams} kept
 * open as long as the handler writes (chunked).
 *
 * <p>Before a request reaches its handler, the {@link OriginPolicy} may refuse it (403); a CORS
 * preflight is answered by the {@link CorsPolicy} (before any key: a browser's preflight carries
 * none), which also adds the CORS headers of every answer; then its route's {@link Route#access()}
 * is checked by the {@link AccessControl} (401 or 403, {@link AuthStatus}), a read route costs the
 * key one of its queries per minute ({@link QueryRateLimits}, 429 with Retry-After over it), and the
 * handler gets the request acting as the principal admitted. Every answer carries the {@link SecurityHeaders}. Every
 * error, also those Jetty answers itself (a malformed request line or URI, headers too large), is
 * the JSON body {@code {"status": …, "error": reason}}; a 500 names an incident id that the server
 * log carries with the details, never a stack trace or a file path. The data directory's absolute
 * path is replaced in every error body.
 *
 * <p>Keep-alive: a connection is closed only after an answer that says {@code Connection: close}.
 * What a handler leaves unread of a request body (a refusal before the handler, a 413 at a size
 * limit) is read and dropped after the answer, or, when too large or of unknown length, the answer
 * says {@code Connection: close} ({@link ClientBody}), so a client never sends its next request on
 * a connection the server is closing.
 *
 * <p>Limits: at most {@link Options#maxConnections()} connections are accepted at once (more wait
 * in the accept backlog without a descriptor of ours); a connection idle longer than {@link
 * Options#idleTimeout()} is closed (at the cap, after at most {@link #IDLE_TIMEOUT_AT_CAP}), and
 * so is one whose request line and headers take longer than {@link Options#headerTimeout()} to
 * arrive (slowloris).
 */
public final class HttpApi implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
  /** Connections waiting to be accepted; enough for bursts of shippers reconnecting. */
  private static final int BACKLOG = 1024;
  /** Time given to requests in flight when stopping. */
  private static final long STOP_GRACE_MILLIS = 2_000;
  /** One thread accepts, one selects: request work runs on virtual threads, not on these. */
  private static final int ACCEPTORS = 1;
  private static final int SELECTORS = 1;
  /**
   * Request line plus headers: a query string up to the query-length limit (64 KiB) must reach
   * the parser, which names that limit; beyond this, Jetty answers 414 or 431.
   */
  private static final int MAX_REQUEST_HEADER_BYTES = 128 * 1024;
  /** At the connection cap, idle keep-alives are closed after this (if sooner than the idle timeout) to make room. */
  private static final Duration IDLE_TIMEOUT_AT_CAP = Duration.ofSeconds(5);
  /** A streamed body is written in pieces of about this size (each flush sends at once). */
  private static final int STREAM_BUFFER_BYTES = 16 * 1024;

  /**
   * How the server listens and what it allows.
   *
   * @param maxConnections connections accepted at once
   * @param headerTimeout most time a request's line and headers may take to arrive
   * @param idleTimeout a connection with nothing to read or write this long is closed
   * @param origins refuses cross-site writes and foreign Host names
   * @param hiddenPaths what error bodies never show (the data directory)
   * @param accessControl who each request acts as; refuses it (401, 403) before its handler runs
   * @param queries each key's queries per minute on read routes; over it, 429 before the handler runs
   * @param tls the key source of HTTPS ({@code tls.*}): when set the port speaks HTTPS only; null for plain HTTP
   * @param observer told of every admitted request once its handler answered (the audit log)
   */
  public record Options(String host, int port, int maxConnections, Duration headerTimeout, Duration idleTimeout,
      OriginPolicy origins, HiddenPaths hiddenPaths, AccessControl accessControl, QueryRateLimits queries,
      ReloadingTls tls, RequestObserver observer) {
    public Options {
      Objects.requireNonNull(accessControl, "accessControl");
      Objects.requireNonNull(observer, "observer");
      Objects.requireNonNull(queries, "queries");
      Objects.requireNonNull(hiddenPaths, "hiddenPaths");
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(origins, "origins");
      if (maxConnections < 1) {
        throw new IllegalArgumentException("maxConnections is " + maxConnections + ", must be at least 1");
      }
    }

    /** Plain HTTP without a request observer. */
    public Options(String host, int port, int maxConnections, Duration headerTimeout, Duration idleTimeout,
        OriginPolicy origins, HiddenPaths hiddenPaths, AccessControl accessControl, QueryRateLimits queries) {
      this(host, port, maxConnections, headerTimeout, idleTimeout, origins, hiddenPaths, accessControl, queries, null,
          RequestObserver.NONE);
    }
  }

  private final Server server;
  private final ServerConnector connector;
  private final RouteTable routes;
  private final OriginPolicy origins;
  private final CorsPolicy cors;
  private final HiddenPaths hiddenPaths;
  private final AccessControl accessControl;
  private final QueryRateLimits queries;
  private final RequestObserver observer;
  private final HeaderDeadline headerDeadline;
  private final NetworkConnectionLimit connectionLimit;

  private HttpApi(Options options, List<Route> routeTable) {
    this.routes = new RouteTable(routeTable);
    this.origins = options.origins();
    this.cors = new CorsPolicy(options.origins());
    this.hiddenPaths = options.hiddenPaths();
    this.accessControl = options.accessControl();
    this.queries = options.queries();
    this.observer = options.observer();
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("corral-http");
    threads.setVirtualThreadsExecutor(
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("corral-http-", 0).factory()));
    this.server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES);
    // Paths reach the route table as sent (percent-decoded, dot segments kept): handlers that map
    // paths to files refuse "..", encoded slashes and the like themselves, with a reason.
    http.setUriCompliance(UriCompliance.UNSAFE);
    this.connector = options.tls() == null
        ? new ServerConnector(server, ACCEPTORS, SELECTORS, new HttpConnectionFactory(http))
        : new ServerConnector(server, ACCEPTORS, SELECTORS, HttpsConnection.sslFactory(options.tls()),
            HttpsConnection.http(http));
    connector.setHost(options.host());
    connector.setPort(options.port());
    connector.setAcceptQueueSize(BACKLOG);
    connector.setIdleTimeout(options.idleTimeout().toMillis());
    this.headerDeadline = new HeaderDeadline(options.headerTimeout(), server.getScheduler());
    connector.addBean(headerDeadline);
    server.addConnector(connector);
    this.connectionLimit = new NetworkConnectionLimit(options.maxConnections(), connector);
    connectionLimit.setEndPointIdleTimeout(Math.min(options.idleTimeout().toMillis(), IDLE_TIMEOUT_AT_CAP.toMillis()));
    server.addBean(connectionLimit);
    server.setErrorHandler(new JsonErrors());
    server.setHandler(new Dispatch());
    server.setStopTimeout(STOP_GRACE_MILLIS);
  }

  /** Binds and starts serving the routes. */
  public static HttpApi start(Options options, List<Route> routeTable) throws IOException {
    HttpApi api = new HttpApi(options, routeTable);
    try {
      api.server.start();
      api.headerDeadline.start();
    } catch (IOException e) {
      api.close();
      throw new IOException("cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage(), e);
    } catch (Exception e) {
      api.close();
      throw new IllegalStateException("BUG: the HTTP server did not start: " + e, e);
    }
    return api;
  }

  /** The bound port (useful when started on port 0). */
  public int port() {
    return connector.getLocalPort();
  }

  /**
   * Connections accepted and not yet closed, and the cap on them.
   *
   * @param open connections accepted (including those being set up) and not yet closed
   */
  public record Connections(int open, int max) {}

  /** The connections open now; never more than the cap. */
  public Connections connections() {
    return new Connections(connectionLimit.getNetworkConnectionCount() + connectionLimit.getPendingNetworkConnectionCount(),
        connectionLimit.getMaxNetworkConnectionCount());
  }

  /** Adapts Jetty's request and response to {@link Request} and {@link Response}; runs on a virtual thread. */
  private final class Dispatch extends org.eclipse.jetty.server.Handler.Abstract {
    @Override
    public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
        Callback callback) {
      HttpFields fields = request.getHeaders();
      ClientBody body = new ClientBody(Content.Source.asInputStream(request), fields.getLongField(HttpHeader.CONTENT_LENGTH),
          fields.contains(HttpHeader.TRANSFER_ENCODING), fields.contains(HttpHeader.EXPECT, HttpHeaderValue.CONTINUE.asString()));
      Response answer = answer(request, body);
      Map<String, String> headers = SecurityHeaders.added(SessionCookie.secured(answer.headers(), request.isSecure()),
          cors.responseHeaders(fields::get));
      send(request.getMethod(), answer, headers, body, response, callback);
      return true;
    }
  }

  private Response answer(org.eclipse.jetty.server.Request exchange, ClientBody body) {
    String method = exchange.getMethod();
    HttpURI uri = exchange.getHttpURI();
    String path = uri.getPath() == null ? "/" : uri.getPath();
    try {
      path = decodedPath(path);
      Request.HeaderLookup headers = exchange.getHeaders()::get;
      origins.check(method, headers);
      if (CorsPolicy.isPreflight(method, headers)) {
        return cors.preflight(headers); // before any route or key: a browser's preflight carries neither
      }
      RouteTable.Match match = routes.match(method, path);
      Principal principal = admit(match.route().access(), method, headers);
      countQuery(match.route().access(), principal);
      Request request = new Request(method, path, match.tail(), query(uri.getQuery()), headers, body,
          org.eclipse.jetty.server.Request.getRemoteAddr(exchange)).as(principal);
      return handled(match.route(), request);
    } catch (HttpError e) {
      LOG.atDebug().addKeyValue("method", method).addKeyValue("path", path).addKeyValue("status", e.status())
          .addKeyValue("error", e.getMessage()).log("request refused");
      return errorResponse(e);
    } catch (ClientBody.GoneException e) {
      LOG.atDebug().addKeyValue("method", method).addKeyValue("path", path).addKeyValue("error", e.getMessage())
          .log("client stopped sending the request body");
      return errorResponse(new HttpError(400, "the request body ended early: " + e.getMessage()));
    } catch (Exception e) {
      String incident = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
      LOG.atError().setCause(e).addKeyValue("incident", incident).addKeyValue("method", method)
          .addKeyValue("path", path).log("request failed");
      return errorResponse(new HttpError(500, "internal error (" + e.getClass().getSimpleName() + "), incident "
          + incident + "; the server log has the details"));
    }
  }

  /** The route's answer to an admitted request; the {@link RequestObserver} is told its status. */
  private Response handled(Route route, Request request) throws Exception {
    int status = 500;
    try {
      Response response = route.handler().handle(request);
      status = response.status();
      return response;
    } catch (HttpError e) {
      status = e.status();
      throw e;
    } catch (ClientBody.GoneException e) {
      status = 400;
      throw e;
    } finally {
      observer.answered(route, request, status);
    }
  }

  /** Who the request acts as, before any handler runs; the one place access is enforced. */
  private Principal admit(Access access, String method, Request.HeaderLookup headers) throws HttpError {
    boolean changesState = !(method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS"));
    try {
      return accessControl.admit(access, new Credentials(headers.get("Authorization"),
          SessionCookie.read(headers.get("Cookie")), headers.get(SessionCookie.CSRF_HEADER), changesState));
    } catch (AccessDenied denied) {
      throw AuthStatus.of(denied, access);
    }
  }

  /**
   * A request to a read route costs its key one query of its queries per minute; over it, 429 with
   * Retry-After and the key and limit in the body.
   */
  private void countQuery(Access access, Principal principal) throws HttpError {
    if (access != Access.READ) {
      return;
    }
    Optional<QueryRateLimits.Limited> limited = queries.admit(principal);
    if (limited.isPresent()) {
      QueryRateLimits.Limited over = limited.get();
      throw new HttpError(429, over.reason(), Map.of("Retry-After", Integer.toString(over.retryAfterSeconds())),
          Map.of("key_id", over.keyId(), "queries_per_minute", over.queriesPerMinute(),
              "retry_after_seconds", over.retryAfterSeconds()));
    }
  }

  private static String decodedPath(String raw) throws HttpError {
    try {
      return URIUtil.decodePath(raw);
    } catch (IllegalArgumentException e) {
      throw new HttpError(400, "malformed path: " + e.getMessage());
    }
  }

  private static Map<String, String> query(String raw) throws HttpError {
    try {
      return Request.parseQuery(raw);
    } catch (IllegalArgumentException e) {
      throw new HttpError(400, "malformed query string: " + e.getMessage());
    }
  }

  private Response errorResponse(HttpError error) {
    return Response.json(error.status(), errorBody(error.status(), error.getMessage(), error.details()),
        error.headers());
  }

  private byte[] errorBody(int status, String reason, Map<String, Object> details) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status);
    body.put("error", hiddenPaths.hide(reason == null ? "" : reason));
    body.putAll(details);
    return Json.bytes(body);
  }

  /**
   * Sends the answer and then, when the connection is kept, reads the rest of the request body the
   * handler left ({@link ClientBody}); an answer after which the connection cannot carry another
   * request says {@code Connection: close}, so the client never reuses a connection the server ends.
   */
  private static void send(String method, Response answer, Map<String, String> answerHeaders, ClientBody body,
      org.eclipse.jetty.server.Response response, Callback callback) {
    response.setStatus(answer.status());
    HttpFields.Mutable headers = response.getHeaders();
    headers.put(HttpHeader.CONTENT_TYPE, answer.contentType());
    answerHeaders.forEach(headers::put);
    boolean keepsConnection = body.keepsConnection();
    if (!keepsConnection) {
      headers.put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
    }
    try {
      if (answer.stream() != null) {
        stream(method.equals("HEAD"), answer.stream(), response);
      } else {
        Content.Sink.write(response, true, ByteBuffer.wrap(answer.body())); // Jetty drops the body of a HEAD answer
      }
    } catch (IOException e) {
      LOG.atDebug().addKeyValue("error", e.toString()).log("answer not sent: client gone");
      callback.failed(e);
      return;
    } catch (RuntimeException e) {
      LOG.atError().setCause(e).log("sending the answer failed");
      callback.failed(e);
      return;
    }
    try {
      if (keepsConnection) {
        body.skipRest();
      }
      callback.succeeded();
    } catch (IOException e) {
      LOG.atDebug().addKeyValue("error", e.toString()).log("request body ended early after the answer: connection closed");
      callback.failed(e);
    }
  }

  /**
   * Sends the headers with chunked transfer encoding, then lets the body write and flush as it
   * goes; the body is closed in every case, also when the client is gone before it starts.
   */
  private static void stream(boolean head, StreamingBody body, org.eclipse.jetty.server.Response response)
      throws IOException {
    try (body) {
      if (head) {
        Content.Sink.write(response, true, ByteBuffer.allocate(0));
        return;
      }
      try (OutputStream out = new BufferedOutputStream(Content.Sink.asOutputStream(response), STREAM_BUFFER_BYTES)) {
        body.writeTo(out);
      }
    }
  }

  /** Answers the errors Jetty finds itself (bad request line, URI or headers) with the JSON error body. */
  private final class JsonErrors extends ErrorHandler {
    @Override
    public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
        Callback callback) {
      int status = request.getAttribute(ERROR_STATUS) instanceof Integer code ? code : response.getStatus();
      String reason = request.getAttribute(ERROR_MESSAGE) instanceof String message ? message : "";
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
      SecurityHeaders.added(Map.of(), Map.of()).forEach(response.getHeaders()::put);
      response.write(true, ByteBuffer.wrap(errorBody(status, reason, Map.of())), callback);
      return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
      fields.put(HttpHeader.CONTENT_TYPE, "application/json");
      SecurityHeaders.added(Map.of(), Map.of()).forEach(fields::put);
      return ByteBuffer.wrap(errorBody(status, reason, Map.of()));
    }
  }

  /**
   * Closes connections whose request line and headers take longer than the timeout to arrive
   * (slowloris: a byte every few seconds keeps the idle timeout from firing). Every half timeout
   * it looks at each open connection: one seen twice reading the headers of the same request, a
   * timeout apart, is closed.
   */
  private static final class HeaderDeadline implements Connection.Listener, Runnable {
    private final long timeoutNanos;
    private final Scheduler scheduler;
    /** Per open connection: the request count and when its headers were first seen in progress, or -1. */
    private final Map<Connection, long[]> open = new ConcurrentHashMap<>();

    HeaderDeadline(Duration timeout, Scheduler scheduler) {
      this.timeoutNanos = timeout.toNanos();
      this.scheduler = scheduler;
    }

    /** Starts the sweeps; the scheduler must be running. */
    void start() {
      scheduler.schedule(this, timeoutNanos / 2, TimeUnit.NANOSECONDS);
    }

    @Override
    public void onOpened(Connection connection) {
      open.put(connection, new long[] {0, -1});
    }

    @Override
    public void onClosed(Connection connection) {
      open.remove(connection);
    }

    @Override
    public void run() {
      long now = System.nanoTime();
      open.forEach((connection, seen) -> {
        if (!(connection instanceof HttpConnection http)) {
          return;
        }
        HttpParser parser = http.getParser();
        boolean readingHeaders = parser.inHeaderState() && !parser.isState(HttpParser.State.START);
        long request = http.getMessagesIn();
        if (!readingHeaders || seen[1] < 0 || seen[0] != request) {
          seen[0] = request;
          seen[1] = readingHeaders ? now : -1;
        } else if (now - seen[1] >= timeoutNanos) {
          LOG.atDebug().addKeyValue("remote", String.valueOf(connection.getEndPoint().getRemoteSocketAddress()))
              .log("closed a connection whose request headers were too slow");
          connection.getEndPoint().close();
        }
      });
      if (scheduler.isRunning()) {
        scheduler.schedule(this, timeoutNanos / 2, TimeUnit.NANOSECONDS);
      }
    }
  }

  /** Stops accepting, gives requests in flight a short grace period, then stops. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.atWarn().addKeyValue("error", e.toString()).log("http server did not stop cleanly");
    }
  }
}
