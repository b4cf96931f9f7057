package dev.corral.server.audit;

/**
 * Where security-relevant actions are recorded: logins and failed logins, logouts, key and user
 * changes, every admin action and every search. Entries become events of {@code logtype:audit} in
 * Corral's own store, readable only by admins.
 *
 * <p>Thread-safe. {@link #record} never blocks the caller for long and never throws: an entry that
 * cannot be stored is counted and logged by the implementation, and the action it describes goes on.
 */
@FunctionalInterface
public interface AuditTrail {
  /** Records nothing: for tests and tools that run without a server. */
  AuditTrail NONE = entry -> { };

  /** Records one entry. */
  void record(AuditEntry entry);
}
