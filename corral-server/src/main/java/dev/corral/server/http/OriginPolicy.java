package dev.corral.server.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps web pages of other sites from writing to Corral (cross-site request forgery) and from
 * reading it through a name they control (DNS rebinding), until API keys exist. Applied to every
 * request before it reaches its handler; a refusal is a 403 with the reason. Immutable, safe for
 * concurrent use.
 *
 * <ol>
 *   <li><b>Host.</b> While bound to a loopback address, and on any request a browser sent (one
 *       carrying {@code Origin}, a {@code Sec-Fetch-*} header or a {@code Cookie}) whatever the
 *       binding, the {@code Host} header must name localhost, a loopback address, the bound
 *       address or an entry of {@code http.allowed_hosts}; when bound to a non-loopback address,
 *       any IP address is accepted too (a rebinding page can only use a name). The port is not
 *       compared: tunnels and port mappings change it, and rebinding works through the name. A
 *       request without a browser's headers to a non-loopback binding is a shipper, whose Host
 *       is its own business.
 *   <li><b>Origin.</b> A state-changing request (POST, PUT, DELETE, PATCH) carrying {@code Origin}
 *       is served only when that origin is this server's (its host and port are the request's
 *       {@code Host}, already checked above) or listed in {@code http.allowed_origins}. Without
 *       {@code Origin}, {@code Sec-Fetch-Site} must be absent, {@code same-origin} or {@code none}.
 *       A request with neither header comes from a program, not a page, and is served.
 * </ol>
 */
public final class OriginPolicy {
  private static final Set<String> WRITE_METHODS = Set.of("POST", "PUT", "DELETE", "PATCH");
  private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");
  private static final List<String> FETCH_METADATA = List.of("Sec-Fetch-Site", "Sec-Fetch-Mode", "Sec-Fetch-Dest",
      "Sec-Fetch-User");
  private static final Set<String> SAME_ORIGIN_SITES = Set.of("same-origin", "none");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final boolean loopbackBound;
  private final Set<String> acceptedHosts;
  private final Set<String> allowedOrigins;

  /**
   * @param boundHost the address the server binds to ({@code http.host})
   * @param allowedHosts extra host names ({@code http.allowed_hosts}), without port
   * @param allowedOrigins extra origins allowed to write ({@code http.allowed_origins}), such as
   *     {@code https://grafana.example.com}
   */
  public OriginPolicy(String boundHost, List<String> allowedHosts, List<String> allowedOrigins) {
    this.loopbackBound = isLoopback(boundHost);
    Set<String> hosts = new HashSet<>(LOOPBACK_NAMES);
    hosts.add(hostName(boundHost.contains(":") && !boundHost.startsWith("[") ? "[" + boundHost + "]" : boundHost));
    allowedHosts.forEach(host -> hosts.add(hostName(host)));
    this.acceptedHosts = Set.copyOf(hosts);
    this.allowedOrigins = Set.copyOf(allowedOrigins.stream().map(OriginPolicy::normalizedOrigin).toList());
  }

  /**
   * @throws HttpError 403 naming the refused Host or Origin and the setting that would allow it
   */
  void check(String method, Request.HeaderLookup headers) throws HttpError {
    String host = headers.get("Host");
    String origin = headers.get("Origin");
    if (host != null && (loopbackBound || fromBrowser(headers)) && !acceptedHost(host)) {
      throw new HttpError(403, "Host '" + host + "' is not this server's; a page served under another name may not "
          + "use it (DNS rebinding). Add the name to http.allowed_hosts if clients really use it");
    }
    if (!WRITE_METHODS.contains(method)) {
      return;
    }
    if (origin != null) {
      if (!allows(origin, host)) {
        throw new HttpError(403, method + " from the page at Origin '" + origin + "' is refused: it is not this server's "
            + "origin (cross-site request). Add it to http.allowed_origins to let it write");
      }
      return;
    }
    String site = headers.get("Sec-Fetch-Site");
    if (site != null && !SAME_ORIGIN_SITES.contains(site.trim().toLowerCase(Locale.ROOT))) {
      throw new HttpError(403, method + " from a " + site + " page is refused (Sec-Fetch-Site: " + site
          + "); only this server's own pages and programs that are not browsers may write");
    }
  }

  /**
   * Whether a page at {@code origin} may use this server across origins: the origin is this
   * server's own (its host and port are {@code host}'s) or listed in {@code http.allowed_origins}.
   * {@code null} (sandboxed frames, files) and garbage never are.
   */
  boolean allows(String origin, String host) {
    return allowedOrigins.contains(normalizedOrigin(origin)) || sameOrigin(origin, host);
  }

  private static boolean fromBrowser(Request.HeaderLookup headers) {
    if (headers.get("Origin") != null || headers.get("Cookie") != null) {
      return true;
    }
    for (String name : FETCH_METADATA) {
      if (headers.get(name) != null) {
        return true;
      }
    }
    return false;
  }

  private boolean acceptedHost(String hostHeader) {
    String name = hostName(hostHeader);
    if (acceptedHosts.contains(name)) {
      return true;
    }
    return !loopbackBound && (IPV4.matcher(name).matches() || name.startsWith("["));
  }

  /** The origin's host and port are the Host header's (default ports filled in on both sides). */
  private static boolean sameOrigin(String origin, String host) {
    if (host == null) {
      return false;
    }
    String normalized = normalizedOrigin(origin);
    int schemeEnd = normalized.indexOf("://");
    if (schemeEnd < 0) {
      return false; // "null" (a sandboxed frame or a file) or garbage
    }
    String scheme = normalized.substring(0, schemeEnd);
    String defaultPort = scheme.equals("https") ? "443" : "80";
    return normalized.substring(schemeEnd + 3).equals(withPort(host.trim().toLowerCase(Locale.ROOT), defaultPort));
  }

  /** Lower case, default port made explicit, no trailing slash: {@code http://localhost:80}. */
  private static String normalizedOrigin(String origin) {
    String text = origin.trim().toLowerCase(Locale.ROOT);
    if (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    int schemeEnd = text.indexOf("://");
    if (schemeEnd < 0) {
      return text;
    }
    String scheme = text.substring(0, schemeEnd);
    return scheme + "://" + withPort(text.substring(schemeEnd + 3), scheme.equals("https") ? "443" : "80");
  }

  private static String withPort(String authority, String defaultPort) {
    int colon = authority.lastIndexOf(':');
    boolean hasPort = colon > authority.lastIndexOf(']');
    return hasPort ? authority : authority + ":" + defaultPort;
  }

  /** The host part of a Host header or setting, lower case, without port or trailing dot. */
  private static String hostName(String hostHeader) {
    String text = hostHeader.trim().toLowerCase(Locale.ROOT);
    int colon = text.lastIndexOf(':');
    if (colon > text.lastIndexOf(']')) {
      text = text.substring(0, colon);
    }
    return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
  }

  private static boolean isLoopback(String boundHost) {
    try {
      return InetAddress.getByName(boundHost).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false; // the bind itself will fail and say so
    }
  }
}
