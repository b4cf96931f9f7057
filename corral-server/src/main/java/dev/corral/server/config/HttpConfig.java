package dev.corral.server.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The {@code http.*} settings: where the HTTP API listens, its limits and access rules.
 *
 * @param host address the HTTP API binds to
 * @param port HTTP port (0 picks a free one)
 * @param maxBodyBytes largest request body after decompression
 * @param maxConnections connections served at once; 0 derives the cap from the open-file limit
 * @param headerTimeout most time a request's line and headers may take to arrive
 * @param idleTimeout a keep-alive connection with nothing to do this long is closed
 * @param allowedOrigins web origins besides the server's own that may send state-changing requests
 * @param allowedHosts host names besides localhost and the bound address that browsers may use
 */
public record HttpConfig(String host, int port, long maxBodyBytes, int maxConnections, Duration headerTimeout, Duration idleTimeout, List<String> allowedOrigins,
    List<String> allowedHosts) {
  /** A request line and headers rarely take more than milliseconds; a minute already means an attack. */
  private static final Duration MAX_HEADER_TIMEOUT = Duration.ofMinutes(1);
  /** A body is held in memory: 1 GiB is already too much. */
  private static final long MAX_BODY_CEILING = 1L << 30;
  /** Below this not even one ordinary event with its envelope fits. */
  private static final long MIN_BODY_BYTES = 1024;
  /** Connections beyond this exceed any process's file limit. */
  private static final int MAX_CONNECTIONS = 1_000_000;

  public HttpConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(headerTimeout, "headerTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    allowedOrigins = List.copyOf(allowedOrigins);
    allowedHosts = List.copyOf(allowedHosts);
  }

  /** Reads and validates the {@code http.*} settings. */
  public static HttpConfig from(ConfigValues values) {
    return new HttpConfig(
        values.text(Settings.HTTP_HOST).trim(),
        values.integer(Settings.HTTP_PORT, 0, 65535),
        values.bytes(Settings.HTTP_MAX_BODY_BYTES, MIN_BODY_BYTES, MAX_BODY_CEILING),
        values.integer(Settings.HTTP_MAX_CONNECTIONS, 0, MAX_CONNECTIONS),
        values.duration(Settings.HTTP_HEADER_TIMEOUT, Duration.ofMillis(100), MAX_HEADER_TIMEOUT),
        values.duration(Settings.HTTP_IDLE_TIMEOUT, Duration.ofMillis(100), Duration.ofHours(1)),
        values.list(Settings.HTTP_ALLOWED_ORIGINS),
        values.list(Settings.HTTP_ALLOWED_HOSTS));
  }
}
