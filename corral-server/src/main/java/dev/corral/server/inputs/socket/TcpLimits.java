package dev.corral.server.inputs.socket;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of a TCP listener.
 *
 * @param maxConnections connections served at once; more are closed on accept and counted
 * @param idleTimeout a connection that sends nothing this long is closed (also ends slowloris
 *     connections and TLS clients that stall in the handshake)
 */
public record TcpLimits(int maxConnections, Duration idleTimeout) {
  /** Enough for every shipper of a large fleet; each idle connection costs one virtual thread. */
  public static final int DEFAULT_MAX_CONNECTIONS = 1024;
  /** Shippers keep connections open between bursts; five idle minutes is past any sane batch interval. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);

  public TcpLimits {
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be positive, got " + maxConnections);
    }
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout must be positive, got " + idleTimeout);
    }
  }
}
