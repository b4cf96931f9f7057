package dev.corral.server.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * A typed refusal of access: why a request's credentials were not accepted ({@link Reason}), with a
 * message that names the value and what to do, never the secret. The HTTP layer maps the reasons to
 * 401 ({@link Reason#isAuthentication()}), 403 ({@link Reason#SCOPE}, {@link Reason#CSRF}), 503 with
 * Retry-After ({@link Reason#BUSY}) or 429 with Retry-After ({@link Reason#THROTTLED}); a socket
 * input maps them to its protocol.
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
    SCOPE,
    /**
     * The key could not be checked now: too many checks of keys not yet verified wait their turn
     * ({@link Argon2Gate}). Says nothing of the key, which may be right: retry later.
     */
    BUSY,
    /**
     * A state-changing request acting through a session cookie without the session's CSRF token
     * (or with another): a page of another site may make the browser send the cookie, never the token.
     */
    CSRF,
    /**
     * Sign-in attempts for this user name or from this address failed too often: wait before the
     * next (says nothing of whether the user exists or the password is right).
     */
    THROTTLED;

    /** Whether the caller is unknown (401) rather than known but not allowed (403), not checked (busy) or slowed down. */
    public boolean isAuthentication() {
      return this != SCOPE && this != BUSY && this != CSRF && this != THROTTLED;
    }

    /** The reason's name in metrics and stats: {@code missing}, {@code invalid}, {@code busy}, … */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final Reason reason;
  private final transient Scope required;
  private final int retryAfterSeconds;

  private AccessDenied(Reason reason, String message, Scope required, int retryAfterSeconds) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.required = required;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** An authentication refusal (every reason but {@link Reason#SCOPE} and {@link Reason#BUSY}). */
  public static AccessDenied because(Reason reason, String message) {
    if (!reason.isAuthentication()) {
      throw new IllegalArgumentException("BUG: a " + reason.label() + " refusal is made by " + reason.label() + "()");
    }
    return new AccessDenied(reason, message, null, 0);
  }

  /** A key of {@code held} called a route that needs {@code required}. */
  public static AccessDenied scope(String keyId, Scope held, Scope required) {
    return new AccessDenied(Reason.SCOPE, "API key " + keyId + " has scope " + held.name().toLowerCase(java.util.Locale.ROOT)
        + "; this needs scope " + required.name().toLowerCase(java.util.Locale.ROOT), required, 0);
  }

  /** A signed-in user whose role does not allow a route of {@code access}. */
  public static AccessDenied role(String user, Role held, Access access) {
    String allowed = java.util.Arrays.stream(Role.values()).filter(role -> role.allows(access)).map(Role::label)
        .collect(java.util.stream.Collectors.joining(" or "));
    return new AccessDenied(Reason.SCOPE, "user " + user + " has role " + held.label() + "; this needs role " + allowed,
        access.required().orElseThrow(), 0);
  }

  /** A state-changing request through a session without its CSRF token; {@code message} says what was sent. */
  public static AccessDenied csrf(String message) {
    return new AccessDenied(Reason.CSRF, message, null, 0);
  }

  /** Too many failed sign-ins; the caller should wait {@code retryAfterSeconds}. */
  public static AccessDenied throttled(String message, int retryAfterSeconds) {
    if (retryAfterSeconds < 1) {
      throw new IllegalArgumentException("BUG: a throttled refusal advises a wait of at least 1 s, got " + retryAfterSeconds);
    }
    return new AccessDenied(Reason.THROTTLED, message, null, retryAfterSeconds);
  }

  /** The key could not be checked now; the caller should retry after {@code retryAfterSeconds}. */
  public static AccessDenied busy(String message, int retryAfterSeconds) {
    if (retryAfterSeconds < 1) {
      throw new IllegalArgumentException("BUG: a busy refusal advises a retry of at least 1 s, got " + retryAfterSeconds);
    }
    return new AccessDenied(Reason.BUSY, message, null, retryAfterSeconds);
  }

  /** For {@link Reason#BUSY} and {@link Reason#THROTTLED}, the seconds to wait before retrying; 0 otherwise. */
  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public Reason reason() {
    return reason;
  }

  /** For {@link Reason#SCOPE}, the scope the route needs. */
  public Optional<Scope> required() {
    return Optional.ofNullable(required);
  }
}
