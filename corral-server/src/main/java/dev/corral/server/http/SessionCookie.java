package dev.corral.server.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The session cookie of a signed-in user and the header of its CSRF token: {@value #NAME}, sent
 * {@code HttpOnly} (no script reads it), {@code SameSite=Strict} (a page of another site does not
 * make the browser send it), {@code Path=/}, and {@code Secure} when the request came over TLS
 * ({@link #secured}, added by {@link HttpApi} to every cookie it sends, so a handler cannot forget
 * it). No {@code Max-Age}: the browser drops it when it closes; the server ends it sooner (idle and
 * absolute expiry, sign-out).
 */
public final class SessionCookie {
  /** The cookie's name. */
  public static final String NAME = "corral_session";
  /** The header a state-changing request of a session carries its CSRF token in. */
  public static final String CSRF_HEADER = "X-CSRF-Token";
  /** A Cookie header longer than this is not read (ours is under 100 characters). */
  static final int MAX_COOKIE_HEADER_CHARS = 8 * 1024;

  private SessionCookie() {}

  /** The {@code Set-Cookie} header that gives the browser session {@code id}. */
  public static Map<String, String> issue(String id) {
    return Map.of("Set-Cookie", NAME + "=" + id + "; Path=/; HttpOnly; SameSite=Strict");
  }

  /** The {@code Set-Cookie} header that makes the browser drop the session cookie. */
  public static Map<String, String> clear() {
    return Map.of("Set-Cookie", NAME + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
  }

  /**
   * The session id a request's {@code Cookie} header carries, or {@code null} when none (also when
   * the header is over {@link #MAX_COOKIE_HEADER_CHARS}).
   */
  public static String read(String cookieHeader) {
    if (cookieHeader == null || cookieHeader.length() > MAX_COOKIE_HEADER_CHARS) {
      return null;
    }
    for (String pair : cookieHeader.split(";")) {
      String trimmed = pair.strip();
      if (trimmed.startsWith(NAME + "=")) {
        String value = trimmed.substring(NAME.length() + 1);
        return value.isEmpty() ? null : value;
      }
    }
    return null;
  }

  /** {@code headers} with {@code Secure} added to a {@code Set-Cookie} when the request came over TLS. */
  static Map<String, String> secured(Map<String, String> headers, boolean overTls) {
    String cookie = headers.get("Set-Cookie");
    if (!overTls || cookie == null || cookie.contains("; Secure")) {
      return headers;
    }
    Map<String, String> secured = new LinkedHashMap<>(headers);
    secured.put("Set-Cookie", cookie + "; Secure");
    return secured;
  }
}
