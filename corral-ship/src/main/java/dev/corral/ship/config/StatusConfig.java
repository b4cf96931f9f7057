package dev.corral.ship.config;

import java.net.InetSocketAddress;
import java.util.Set;

/**
 * The {@code status:} section: where {@code GET /status} is served.
 *
 * @param listen host and port, or null when the endpoint is off ({@code listen: off})
 */
public record StatusConfig(InetSocketAddress listen) {
  /** Filebeat's monitoring port, on loopback: the status tells file names, which stay on the host. */
  public static final String DEFAULT_LISTEN = "127.0.0.1:5066";
  private static final Set<String> KEYS = Set.of("listen");

  static StatusConfig from(ConfigNode status) {
    status.refuseUnknown(KEYS);
    String listen = status.text("listen", DEFAULT_LISTEN);
    if (listen.equals("off") || listen.equals("false")) {
      return new StatusConfig(null);
    }
    int colon = listen.lastIndexOf(':');
    try {
      if (colon < 1) {
        throw new NumberFormatException("no port");
      }
      int port = Integer.parseInt(listen.substring(colon + 1));
      if (port < 0 || port > 65_535) {
        throw new NumberFormatException("port out of range");
      }
      String host = listen.substring(0, colon).replace("[", "").replace("]", "");
      return new StatusConfig(new InetSocketAddress(host, port));
    } catch (NumberFormatException e) {
      throw new ConfigException(status.field("listen") + " must be host:port (0 for any free port) or off, not "
          + listen);
    }
  }
}
