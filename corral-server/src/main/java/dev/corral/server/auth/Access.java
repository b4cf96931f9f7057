package dev.corral.server.auth;

import java.util.Optional;

/**
 * What a route requires of the caller: nothing ({@link #PUBLIC}: health, readiness, the UI's files)
 * or a key whose {@link Scope} allows {@link #INGEST}, {@link #READ} or {@link #ADMIN}. Every route
 * declares one; the HTTP layer enforces it before the handler runs.
 */
public enum Access {
  PUBLIC(null),
  INGEST(Scope.INGEST),
  READ(Scope.READ),
  ADMIN(Scope.ADMIN);

  private final Scope required;

  Access(Scope required) {
    this.required = required;
  }

  /** The scope a key needs, or empty for a public route. */
  public Optional<Scope> required() {
    return Optional.ofNullable(required);
  }

  /** Whether a key of {@code scope} may call a route of this access. */
  public boolean admits(Scope scope) {
    return required == null || scope.allows(required);
  }
}
