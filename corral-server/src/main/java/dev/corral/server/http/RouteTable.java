package dev.corral.server.http;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The route table, independent of the HTTP library: an exact route wins (a trailing slash is
 * ignored); otherwise the longest wildcard prefix ({@code /api/v1/trace/*}) serving the method
 * does, so a root wildcard ({@code /*}) is the fallback for everything else. HEAD is served by a
 * GET handler when a route has no HEAD one. Immutable, safe for concurrent use.
 */
final class RouteTable {
  private final Map<String, Map<String, Route>> exact;
  private final Map<String, Map<String, Route>> byPrefix;
  private final List<String> prefixesLongestFirst;

  RouteTable(List<Route> routes) {
    Map<String, Map<String, Route>> exactRoutes = new LinkedHashMap<>();
    Map<String, Map<String, Route>> prefixRoutes = new LinkedHashMap<>();
    for (Route route : routes) {
      (route.isPrefix() ? prefixRoutes : exactRoutes).computeIfAbsent(route.isPrefix() ? route.prefix() : route.path(),
          p -> new LinkedHashMap<>()).put(route.method(), route);
    }
    this.exact = Map.copyOf(exactRoutes);
    this.byPrefix = Map.copyOf(prefixRoutes);
    this.prefixesLongestFirst = prefixRoutes.keySet().stream()
        .sorted(Comparator.comparingInt(String::length).reversed()).toList();
  }

  /**
   * The route for a request and, for a wildcard route, the rest of the path after its prefix.
   *
   * @param tail empty for an exact route
   */
  record Match(Route route, String tail) {}

  /**
   * @throws HttpError 404 when no route knows the path, 405 (with an Allow header) when routes
   *     know it but none serves the method
   */
  Match match(String method, String path) throws HttpError {
    Map<String, Route> byMethod = exact.get(path.length() > 1 && path.endsWith("/")
        ? path.substring(0, path.length() - 1) : path);
    String tail = "";
    if (byMethod == null || !serves(byMethod, method)) {
      PrefixMatch match = matchPrefix(path, method);
      if (match != null && (byMethod == null || serves(match.handlers(), method))) {
        byMethod = match.handlers();
        tail = path.substring(match.prefix().length());
      }
    }
    if (byMethod == null) {
      throw new HttpError(404, "no such endpoint: " + path);
    }
    Route route = byMethod.get(method.equals("HEAD") && !byMethod.containsKey("HEAD") ? "GET" : method);
    if (route == null) {
      throw new HttpError(405, method + " is not allowed on " + path + "; use "
          + byMethod.keySet().stream().sorted().collect(Collectors.joining(", ")),
          Map.of("Allow", String.join(", ", byMethod.keySet())), Map.of());
    }
    return new Match(route, tail);
  }

  /** Whether a route answers {@code method}; HEAD is answered by a GET handler when there is no HEAD one. */
  private static boolean serves(Map<String, Route> handlers, String method) {
    return handlers.containsKey(method) || method.equals("HEAD") && handlers.containsKey("GET");
  }

  /** A wildcard route's prefix and its handlers by method. */
  private record PrefixMatch(String prefix, Map<String, Route> handlers) {}

  /**
   * The longest prefix route under which {@code path} lies that serves {@code method}; failing
   * that, the longest one other than the root fallback serving any method (so the answer is 405),
   * or null (404).
   */
  private PrefixMatch matchPrefix(String path, String method) {
    PrefixMatch any = null;
    for (String prefix : prefixesLongestFirst) {
      if (path.startsWith(prefix) && path.length() > prefix.length()) {
        Map<String, Route> handlers = byPrefix.get(prefix);
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
}
