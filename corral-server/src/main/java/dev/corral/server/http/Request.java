package dev.corral.server.http;

import dev.corral.server.auth.Principal;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * What a handler sees of an HTTP request: method, path, decoded query parameters, headers and the
 * body stream. Independent of the HTTP server library.
 *
 * @param pathTail for a wildcard route ({@code /api/v1/trace/*}), the decoded rest of the path
 *     after its prefix; empty otherwise
 * @param remoteAddress the client's IP address as text (the peer of the connection), or empty when
 *     unknown
 * @param principal who the request acts as ({@link Principal#LOCAL} when access control is off)
 */
public record Request(String method, String path, String pathTail, Map<String, String> query, HeaderLookup headers,
    InputStream body, String remoteAddress, Principal principal) {

  /** A request of the local operator. */
  public Request(String method, String path, String pathTail, Map<String, String> query, HeaderLookup headers,
      InputStream body, String remoteAddress) {
    this(method, path, pathTail, query, headers, body, remoteAddress, Principal.LOCAL);
  }

  /** A request of the local operator whose client address is unknown (tests that call a handler directly). */
  public Request(String method, String path, String pathTail, Map<String, String> query, HeaderLookup headers,
      InputStream body) {
    this(method, path, pathTail, query, headers, body, "");
  }

  /** This request acting as {@code who}. */
  public Request as(Principal who) {
    return new Request(method, path, pathTail, query, headers, body, remoteAddress, who);
  }

  /** Reads a request header case-insensitively; returns {@code null} when absent. */
  @FunctionalInterface
  public interface HeaderLookup {
    String get(String name);
  }

  /** A query parameter, or {@code fallback} when absent or blank. */
  public String param(String name, String fallback) {
    String value = query.get(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  /**
   * A whole-number query parameter, or {@code fallback} when absent or blank.
   *
   * @throws HttpError 400 naming the parameter, the value and the allowed range
   */
  public int intParam(String name, int fallback, int min, int max) throws HttpError {
    String text = param(name, null);
    if (text == null) {
      return fallback;
    }
    int value;
    try {
      value = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new HttpError(400, "'" + name + "' must be a whole number, got '" + text + "'");
    }
    if (value < min || value > max) {
      throw new HttpError(400, "'" + name + "' is " + value + ", outside " + min + ".." + max);
    }
    return value;
  }

  /** A header, or {@code null}. */
  public String header(String name) {
    return headers.get(name);
  }

  /** Decodes {@code a=1&b=x%20y}; a repeated name keeps its last value. */
  static Map<String, String> parseQuery(String raw) {
    Map<String, String> params = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }
}
