package dev.corral.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The {@code auth.*} settings: whether requests need an API key.
 *
 * <p>{@code auth.mode}: {@code keys} requires a key on every route but {@code /health}, {@code
 * /ready} and the UI's files; {@code none} requires nothing; {@code auto} (the default) requires
 * nothing while {@code http.host} is a loopback address and refuses to start otherwise, so that a
 * server reachable from other machines never runs open by accident.
 *
 * @param mode the mode as configured
 * @param keysRequired whether requests need a key (the mode resolved against {@code http.host})
 */
public record AuthSection(Mode mode, boolean keysRequired) {
  /** The values of {@code auth.mode}. */
  public enum Mode {
    AUTO,
    NONE,
    KEYS
  }

  /**
   * Reads {@code auth.mode} and resolves it against {@code http.host}.
   *
   * @throws ConfigException in one line, when the mode is unknown, or {@code auto} while bound to
   *     an address other machines can reach
   */
  public static AuthSection from(ConfigValues values) {
    String text = values.text(Settings.AUTH_MODE).trim();
    Mode mode;
    try {
      mode = Mode.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("auth.mode is '" + text + "' (from " + values.source(Settings.AUTH_MODE)
          + "); use auto, none or keys");
    }
    String host = values.text(Settings.HTTP_HOST).trim();
    return switch (mode) {
      case NONE -> new AuthSection(mode, false);
      case KEYS -> new AuthSection(mode, true);
      case AUTO -> {
        if (!isLoopback(host)) {
          throw new ConfigException("http.host is " + host + ", reachable from other machines, and auth.mode is auto:"
              + " set auth.mode: keys (and create a key: corral keys create --scope admin --name NAME --data DIR)"
              + " or set auth.mode: none to run without access control");
        }
        yield new AuthSection(mode, false);
      }
    };
  }

  /** Whether {@code host} is a loopback address or a name of one (localhost). */
  static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false; // the HTTP service will fail to bind it and say so; an unknown name is not loopback
    }
  }
}
