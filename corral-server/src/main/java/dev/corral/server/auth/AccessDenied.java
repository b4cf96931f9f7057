package dev.corral.server.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * A typed refusal of access: why a request's credentials were not accepted ({@link Reason}), with a
 * message that names the value and what to do, never the secret. The HTTP layer maps the reasons to
 * 401 ({@link Reason#isAuthentication()}) or 403; a socket input will map them to its protocol.
 */
public final class AccessDenied extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why the request was refused. */
  public enum Reason {
    /** No credentials were sent. */
    MISSING,
    /** The credentials cannot be read (unknown scheme, bad base64, no {@code id:secret}, too long). */
    MALFORMED,
    /** No key has this id, or the secret is not the key's: deliberately one reason. */
    INVALID,
    EXPIRED,
    REVOKED,
    /** A valid key whose scope does not allow the route. */
    SCOPE;

    /** Whether the caller is unknown (401) rather than known but not allowed (403). */
    public boolean isAuthentication() {
      return this != SCOPE;
    }
  }

  private final Reason reason;
  private final transient Scope required;

  private AccessDenied(Reason reason, String message, Scope required) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.required = required;
  }

  /** An authentication refusal (every reason but {@link Reason#SCOPE}). */
  public static AccessDenied because(Reason reason, String message) {
    if (reason == Reason.SCOPE) {
      throw new IllegalArgumentException("BUG: a scope refusal names the scope needed; use scope()");
    }
    return new AccessDenied(reason, message, null);
  }

  /** A key of {@code held} called a route that needs {@code required}. */
  public static AccessDenied scope(String keyId, Scope held, Scope required) {
    return new AccessDenied(Reason.SCOPE, "API key " + keyId + " has scope " + held.name().toLowerCase(java.util.Locale.ROOT)
        + "; this needs scope " + required.name().toLowerCase(java.util.Locale.ROOT), required);
  }

  public Reason reason() {
    return reason;
  }

  /** For {@link Reason#SCOPE}, the scope the route needs. */
  public Optional<Scope> required() {
    return Optional.ofNullable(required);
  }
}
