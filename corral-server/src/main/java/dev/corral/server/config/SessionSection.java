package dev.corral.server.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code auth.session_*} settings: how long a signed-in user's session of the web UI lives.
 *
 * @param idleTimeout a session unused this long ends
 * @param maxAge a session this old ends however it is used: sign in again
 */
public record SessionSection(Duration idleTimeout, Duration maxAge) {
  /** Shorter than a second is not a session; tests use a second. */
  public static final Duration MIN = Duration.ofSeconds(1);
  /** A week: longer, a stolen cookie is worth too much. */
  public static final Duration MAX = Duration.ofDays(7);

  public SessionSection {
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(maxAge, "maxAge");
  }

  /**
   * Reads the settings.
   *
   * @throws ConfigException when a value is out of bounds or the idle timeout exceeds the maximum age
   */
  public static SessionSection from(ConfigValues values) {
    Duration idle = values.duration(Settings.AUTH_SESSION_IDLE_TIMEOUT, MIN, MAX);
    Duration maxAge = values.duration(Settings.AUTH_SESSION_MAX_AGE, MIN, MAX);
    if (idle.compareTo(maxAge) > 0) {
      throw new ConfigException("auth.session_idle_timeout (" + idle + ", from "
          + values.source(Settings.AUTH_SESSION_IDLE_TIMEOUT) + ") must not exceed auth.session_max_age (" + maxAge
          + ", from " + values.source(Settings.AUTH_SESSION_MAX_AGE) + ")");
    }
    return new SessionSection(idle, maxAge);
  }
}
