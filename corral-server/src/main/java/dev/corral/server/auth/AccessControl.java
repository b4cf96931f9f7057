package dev.corral.server.auth;

import java.util.function.Consumer;

/**
 * Decides who a request acts as, before its handler runs. Thread-safe.
 *
 * <p>{@link #OFF} (auth.mode none, or auto on loopback) lets every request act as {@link
 * Principal#LOCAL}; {@link #keys(ApiKeys, KeyLimits, Consumer)} requires an API key of a scope the route admits, except
 * on public routes.
 */
@FunctionalInterface
public interface AccessControl {
  /** No access control: everyone is the local operator. */
  AccessControl OFF = (access, authorization) -> Principal.LOCAL;

  /**
   * The principal a request acts as.
   *
   * @param access what the route requires
   * @param authorization the request's {@code Authorization} header value, or {@code null}
   * @throws AccessDenied when the credentials are missing, unreadable, unknown, expired, revoked,
   *     or of too small a scope
   */
  Principal admit(Access access, String authorization) throws AccessDenied;

  /**
   * The principal a request presenting {@code credentials} acts as. By default only its API key
   * counts ({@link #admit(Access, String)}); {@link SessionAccessControl} also admits sessions.
   *
   * @throws AccessDenied as {@link #admit(Access, String)} does, and for a session request as
   *     {@link SessionAccessControl} says
   */
  default Principal admit(Access access, Credentials credentials) throws AccessDenied {
    return admit(access, credentials.authorization());
  }

  /**
   * API keys required on every route but public ones. A key's principal carries its rate limits,
   * {@code defaults} for those it does not set; every refusal is also handed to {@code refusals}
   * (counted by reason) before it is thrown.
   */
  static AccessControl keys(ApiKeys keys, KeyLimits defaults, Consumer<AccessDenied> refusals) {
    return (access, authorization) -> {
      if (access == Access.PUBLIC) {
        return Principal.ANONYMOUS;
      }
      try {
        Principal principal = keys.authenticate(authorization).withDefaultLimits(defaults);
        if (!access.admits(principal.scope())) {
          throw AccessDenied.scope(principal.keyId(), principal.scope(), access.required().orElseThrow());
        }
        return principal;
      } catch (AccessDenied denied) {
        refusals.accept(denied);
        throw denied;
      }
    };
  }
}
