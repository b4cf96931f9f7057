package dev.corral.server.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: a thin table of routes to handlers, served by the JDK's HTTP server with one
 * virtual thread per request. The only class that touches the HTTP library. Responses are complete
 * bodies, or {@link StreamingBody streams} kept open as long as the handler writes (chunked). An
 * exact route wins; otherwise the longest wildcard prefix ({@code /api/v1/trace/*}) serving the
 * method does, so a root wildcard ({@code /*}) is the fallback for everything else.
 */
public final class HttpApi implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
  /** Connections waiting to be accepted; enough for bursts of shippers reconnecting. */
  private static final int BACKLOG = 1024;
  /** Time given to requests in flight when stopping. */
  private static final int STOP_GRACE_SECONDS = 2;

  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, Map<String, Handler>> routes;
  private final Map<String, Map<String, Handler>> prefixRoutes;
  private final List<String> prefixesLongestFirst;

  private HttpApi(HttpServer server, ExecutorService executor, Map<String, Map<String, Handler>> routes,
      Map<String, Map<String, Handler>> prefixRoutes) {
    this.server = server;
    this.executor = executor;
    this.routes = routes;
    this.prefixRoutes = prefixRoutes;
    this.prefixesLongestFirst = prefixRoutes.keySet().stream()
        .sorted(java.util.Comparator.comparingInt(String::length).reversed()).toList();
  }

  /** Binds and starts serving the routes. */
  public static HttpApi start(String host, int port, List<Route> routeTable) throws IOException {
    Map<String, Map<String, Handler>> routes = new LinkedHashMap<>();
    Map<String, Map<String, Handler>> prefixRoutes = new LinkedHashMap<>();
    for (Route route : routeTable) {
      (route.isPrefix() ? prefixRoutes : routes).computeIfAbsent(route.isPrefix() ? route.prefix() : route.path(),
          p -> new LinkedHashMap<>()).put(route.method(), route.handler());
    }
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), BACKLOG);
    ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("corral-http-", 0).factory());
    server.setExecutor(executor);
    HttpApi api = new HttpApi(server, executor, Map.copyOf(routes), Map.copyOf(prefixRoutes));
    server.createContext("/", api::serve);
    server.start();
    return api;
  }

  /** The bound port (useful when started on port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      Response response = dispatch(exchange);
      send(exchange, response);
    } catch (IOException e) {
      LOG.atDebug().addKeyValue("path", exchange.getRequestURI().getPath()).addKeyValue("error", e.toString())
          .log("client connection failed");
    }
  }

  private Response dispatch(HttpExchange exchange) {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    Map<String, Handler> byMethod = routes.get(path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    String tail = "";
    if (byMethod == null || !serves(byMethod, method)) {
      PrefixMatch match = matchPrefix(path, method);
      if (match != null && (byMethod == null || serves(match.handlers(), method))) {
        byMethod = match.handlers();
        tail = path.substring(match.prefix().length());
      }
    }
    try {
      if (byMethod == null) {
        throw new HttpError(404, "no such endpoint: " + path);
      }
      Handler handler = byMethod.get(method.equals("HEAD") && !byMethod.containsKey("HEAD") ? "GET" : method);
      if (handler == null) {
        throw new HttpError(405, method + " is not allowed on " + path + "; use "
            + byMethod.keySet().stream().sorted().collect(Collectors.joining(", ")),
            Map.of("Allow", String.join(", ", byMethod.keySet())), Map.of());
      }
      Request request = new Request(method, path, tail, Request.parseQuery(exchange.getRequestURI().getRawQuery()),
          exchange.getRequestHeaders()::getFirst, exchange.getRequestBody(),
          exchange.getRemoteAddress().getAddress().getHostAddress());
      return handler.handle(request);
    } catch (HttpError e) {
      return errorResponse(e);
    } catch (Exception e) {
      LOG.atError().setCause(e).addKeyValue("method", method).addKeyValue("path", path).log("request failed");
      return errorResponse(new HttpError(500, "internal error: " + e));
    }
  }

  /** Whether a route answers {@code method}; HEAD is answered by a GET handler when there is no HEAD one. */
  private static boolean serves(Map<String, Handler> handlers, String method) {
    return handlers.containsKey(method) || method.equals("HEAD") && handlers.containsKey("GET");
  }

  /** A wildcard route's prefix and its handlers by method. */
  private record PrefixMatch(String prefix, Map<String, Handler> handlers) {}

  /**
   * The longest prefix route under which {@code path} lies that serves {@code method}; failing
   * that, the longest one other than the root fallback serving any method (so the answer is 405),
   * or null (404).
   */
  private PrefixMatch matchPrefix(String path, String method) {
    PrefixMatch any = null;
    for (String prefix : prefixesLongestFirst) {
      if (path.startsWith(prefix) && path.length() > prefix.length()) {
        Map<String, Handler> handlers = prefixRoutes.get(prefix);
        if (serves(handlers, method)) {
          return new PrefixMatch(prefix, handlers);
        }
        if (any == null && !prefix.equals("/")) { // the root fallback makes no path "known"
          any = new PrefixMatch(prefix, handlers);
        }
      }
    }
    return any;
  }

  private static Response errorResponse(HttpError error) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", error.status());
    body.put("error", error.getMessage());
    body.putAll(error.details());
    return Response.json(error.status(), Json.bytes(body), error.headers());
  }

  private static void send(HttpExchange exchange, Response response) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", response.contentType());
    response.headers().forEach(exchange.getResponseHeaders()::set);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    if (response.stream() != null) {
      stream(exchange, response, head);
      return;
    }
    exchange.sendResponseHeaders(response.status(), head || response.body().length == 0 ? -1 : response.body().length);
    if (!head && response.body().length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(response.body());
      }
    }
  }

  /**
   * Sends the headers with chunked transfer encoding (length 0), then lets the body write and
   * flush as it goes; the body is closed in every case, even when the headers could not be sent.
   */
  private static void stream(HttpExchange exchange, Response response, boolean head) throws IOException {
    try (StreamingBody body = response.stream()) {
      exchange.sendResponseHeaders(response.status(), head ? -1 : 0);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          body.writeTo(out);
        }
      }
    }
  }

  /** Stops accepting, gives requests in flight a short grace period, then stops. */
  @Override
  public void close() {
    server.stop(STOP_GRACE_SECONDS);
    executor.shutdownNow();
  }
}
