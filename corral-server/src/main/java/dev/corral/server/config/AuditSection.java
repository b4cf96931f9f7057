package dev.corral.server.config;

import java.util.Locale;

/**
 * The {@code audit.*} settings (docs/security.md, Audit log).
 *
 * @param enabled whether logins, key and user changes, admin actions and searches are recorded as
 *     {@code logtype:audit} events: {@code audit.enabled} resolved against {@code auth.mode}
 * @param maxQueued audit entries waiting to be stored at most; more are dropped and counted
 */
public record AuditSection(boolean enabled, int maxQueued) {
  /**
   * Ten seconds of a thousand searches a second waiting for one write: far more than a server's
   * people produce, a few MiB of memory at most.
   */
  public static final int MAX_QUEUED = 1_000_000;

  /**
   * Reads the {@code audit.*} settings; {@code auto} records when requests need a key or a login
   * ({@code keysRequired}): without access control everyone is the local operator and there is no
   * "who" to record.
   *
   * @throws ConfigException naming the value, the allowed ones and where it came from
   */
  public static AuditSection from(ConfigValues values, boolean keysRequired) {
    String text = values.text(Settings.AUDIT_ENABLED).trim().toLowerCase(Locale.ROOT);
    boolean enabled = switch (text) {
      case "auto" -> keysRequired;
      case "true" -> true;
      case "false" -> false;
      default -> throw new ConfigException("audit.enabled is '" + text + "' (from "
          + values.source(Settings.AUDIT_ENABLED) + "); use auto, true or false");
    };
    return new AuditSection(enabled, values.integer(Settings.AUDIT_MAX_QUEUED, 1, MAX_QUEUED));
  }
}
