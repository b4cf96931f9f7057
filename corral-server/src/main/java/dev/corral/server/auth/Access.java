package dev.corral.server.auth;

import java.util.Optional;

/**
 * What a route requires of the caller: nothing ({@link #PUBLIC}: health, readiness, the UI's files),
 * a valid key of any scope ({@link #ANY_KEY}: what a caller may learn of its own key), or a key
 * whose {@link Scope} allows {@link #INGEST}, {@link #READ}, {@link #EDIT} or {@link #ADMIN}; a
 * signed-in user's {@link Role} decides for a session. Every route declares
 * one; the HTTP layer enforces it before the handler runs.
 */
public enum Access {
  PUBLIC(null),
  /**
   * Any valid key, whatever its scope. Scopes do not nest (a read key may not ingest), so no scope
   * would admit every key: this is for routes that tell a key about itself and nothing else.
   */
  ANY_KEY(null),
  INGEST(Scope.INGEST),
  READ(Scope.READ),
  /**
   * A write a team lead makes from the UI (dashboards, alert rules, silences): an admin key, or a
   * signed-in user whose {@link Role} allows it (editor, admin).
   */
  EDIT(Scope.ADMIN),
  ADMIN(Scope.ADMIN);

  private final Scope required;

  Access(Scope required) {
    this.required = required;
  }

  /** The scope a key needs, or empty for a public route or one any key may call. */
  public Optional<Scope> required() {
    return Optional.ofNullable(required);
  }

  /** Whether a key of {@code scope} may call a route of this access. */
  public boolean admits(Scope scope) {
    return required == null || scope.allows(required); // PUBLIC, ANY_KEY: every scope
  }
}
