package dev.corral.server.audit;

import java.util.Map;
import java.util.Objects;

/**
 * One audited action: who did what, from where, and whether it was allowed.
 *
 * @param action what happened, snake_case: {@code login}, {@code login_failed}, {@code logout},
 *     {@code key_created}, {@code key_revoked}, {@code user_added}, {@code user_changed},
 *     {@code user_removed}, {@code admin_action}, {@code search}, …
 * @param actor who acted: a key id, {@code user:<name>} for a signed-in user, {@code local} without
 *     access control, or the name tried in a failed login
 * @param actorName the key's or user's human name, or the actor again when there is none
 * @param remoteAddress the caller's address as the server saw it, or empty when not over a socket
 * @param outcome {@link Outcome#ALLOWED} or {@link Outcome#REFUSED}
 * @param details action-specific fields (for a search: {@code query}, {@code from}, {@code to}; for an
 *     admin action: {@code method}, {@code path}, {@code status}); copied on construction
 */
public record AuditEntry(String action, String actor, String actorName, String remoteAddress, Outcome outcome,
    Map<String, String> details) {
  /** Whether the action was allowed. */
  public enum Outcome { ALLOWED, REFUSED }

  public AuditEntry {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(actorName, "actorName");
    Objects.requireNonNull(remoteAddress, "remoteAddress");
    Objects.requireNonNull(outcome, "outcome");
    details = Map.copyOf(details);
  }
}
