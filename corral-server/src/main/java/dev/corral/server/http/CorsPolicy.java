package dev.corral.server.http;

import dev.corral.server.text.Excerpt;
import java.util.Map;

/**
 * Cross-origin reads (CORS) for the pages {@link OriginPolicy#allows allowed} by {@code
 * http.allowed_origins} (and the server's own origin): such a page may read the API's answers and
 * send {@code Authorization} and {@code Content-Type}. Every other origin gets no CORS header at
 * all, so the browser keeps the answer from the page; its writes stay refused by {@link
 * OriginPolicy}. Never answers {@code *} and never allows credentials (cookies): a page sends an
 * API key explicitly in {@code Authorization}. Immutable, safe for concurrent use.
 */
final class CorsPolicy {
  /** Methods a preflight allows: every method a route may serve. */
  static final String ALLOWED_METHODS = "GET, HEAD, POST, PUT, DELETE, PATCH";
  /** Request headers a preflight allows: the API key and the body's media type. */
  static final String ALLOWED_HEADERS = "Authorization, Content-Type";
  /** Response headers a page may read besides the simple ones: when to retry, how to authenticate. */
  static final String EXPOSED_HEADERS = "Retry-After, WWW-Authenticate";
  /** How long a browser may reuse a preflight's answer: 10 minutes, Chromium's own cap is 2 hours. */
  static final int MAX_AGE_SECONDS = 600;
  /**
   * Longest Origin header considered; a real origin (scheme, host name of at most 253 characters,
   * port) is far shorter, so a longer one is garbage and gets no CORS headers.
   */
  static final int MAX_ORIGIN_CHARS = 300;

  private final OriginPolicy origins;

  CorsPolicy(OriginPolicy origins) {
    this.origins = origins;
  }

  /** Whether a request is a CORS preflight: OPTIONS naming the method the page wants to send. */
  static boolean isPreflight(String method, Request.HeaderLookup headers) {
    return method.equals("OPTIONS") && headers.get("Origin") != null
        && headers.get("Access-Control-Request-Method") != null;
  }

  /**
   * The answer to a preflight: 204 with the allowed methods, headers and max-age for an allowed
   * origin.
   *
   * @throws HttpError 403 naming the origin and the setting that would allow it
   */
  Response preflight(Request.HeaderLookup headers) throws HttpError {
    String origin = headers.get("Origin");
    if (!allowed(origin, headers.get("Host"))) {
      throw new HttpError(403, "cross-origin requests from the page at Origin '" + Excerpt.header(origin)
          + "' are refused: it is not this server's origin. Add it to http.allowed_origins to let it use the API");
    }
    return Response.empty(204, Map.of(
        "Access-Control-Allow-Origin", origin,
        "Access-Control-Allow-Methods", ALLOWED_METHODS,
        "Access-Control-Allow-Headers", ALLOWED_HEADERS,
        "Access-Control-Max-Age", String.valueOf(MAX_AGE_SECONDS),
        "Vary", "Origin"));
  }

  /**
   * The CORS headers of an answer to {@code headers}' request: {@code Access-Control-Allow-Origin}
   * naming an allowed origin (and the exposed headers), nothing for any other; always {@code Vary:
   * Origin} for a request carrying one, so a cache never hands one origin's answer to another.
   */
  Map<String, String> responseHeaders(Request.HeaderLookup headers) {
    String origin = headers.get("Origin");
    if (origin == null) {
      return Map.of();
    }
    if (!allowed(origin, headers.get("Host"))) {
      return Map.of("Vary", "Origin");
    }
    return Map.of("Access-Control-Allow-Origin", origin, "Access-Control-Expose-Headers", EXPOSED_HEADERS,
        "Vary", "Origin");
  }

  private boolean allowed(String origin, String host) {
    return origin != null && origin.length() <= MAX_ORIGIN_CHARS && !origin.isBlank()
        && !origin.trim().equalsIgnoreCase("null") && origins.allows(origin, host);
  }
}
