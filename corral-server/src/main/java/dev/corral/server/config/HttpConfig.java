package dev.corral.server.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Limits and access rules of the HTTP API (the {@code http.*} settings beyond host, port and body size).
 *
 * @param maxConnections connections served at once; 0 derives the cap from the open-file limit
 * @param headerTimeout most time a request's line and headers may take to arrive
 * @param idleTimeout a keep-alive connection with nothing to do this long is closed
 * @param allowedOrigins web origins besides the server's own that may send state-changing requests
 * @param allowedHosts host names besides localhost and the bound address that browsers may use
 */
public record HttpConfig(int maxConnections, Duration headerTimeout, Duration idleTimeout, List<String> allowedOrigins,
    List<String> allowedHosts) {
  /** A request line and headers rarely take more than milliseconds; a minute already means an attack. */
  private static final Duration MAX_HEADER_TIMEOUT = Duration.ofMinutes(1);

  public HttpConfig {
    Objects.requireNonNull(headerTimeout, "headerTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    allowedOrigins = List.copyOf(allowedOrigins);
    allowedHosts = List.copyOf(allowedHosts);
  }

  static HttpConfig from(ConfigValues values) {
    return new HttpConfig(
        values.integer(Settings.HTTP_MAX_CONNECTIONS, 0, 1_000_000),
        values.duration(Settings.HTTP_HEADER_TIMEOUT, Duration.ofMillis(100), MAX_HEADER_TIMEOUT),
        values.duration(Settings.HTTP_IDLE_TIMEOUT, Duration.ofMillis(100), Duration.ofHours(1)),
        values.list(Settings.HTTP_ALLOWED_ORIGINS),
        values.list(Settings.HTTP_ALLOWED_HOSTS));
  }
}
