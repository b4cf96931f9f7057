package dev.corral.server.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers every answer carries so a browser treats it safely: no content sniffing, no
 * referrer sent on, never shown in a frame, and a Content-Security-Policy — the UI's pages carry
 * their own ({@link ContentSecurityPolicy#forPage}, set by {@link StaticAssets}); every other
 * answer gets {@link ContentSecurityPolicy#API}, which lets nothing load. A handler's own value of
 * one of these headers is kept.
 */
final class SecurityHeaders {
  private static final Map<String, String> DEFAULTS = Map.of(
      "X-Content-Type-Options", "nosniff",
      "Referrer-Policy", "no-referrer",
      "X-Frame-Options", "DENY",
      "Content-Security-Policy", ContentSecurityPolicy.API);

  private SecurityHeaders() {}

  /**
   * A handler's {@code headers} with the security headers they lack and the {@code cors} headers
   * added ({@code Vary} values joined).
   */
  static Map<String, String> added(Map<String, String> headers, Map<String, String> cors) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    DEFAULTS.forEach(all::putIfAbsent);
    cors.forEach((name, value) -> all.merge(name, value, (mine, theirs) -> name.equals("Vary") && !mine.equals(theirs)
        ? mine + ", " + theirs : theirs));
    return all;
  }
}
