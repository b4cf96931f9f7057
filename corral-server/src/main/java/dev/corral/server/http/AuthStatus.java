package dev.corral.server.http;

import dev.corral.server.auth.Access;
import dev.corral.server.auth.AccessDenied;
import dev.corral.server.auth.KeyCredentials;
import java.util.Map;

/**
 * The one mapping of access refusals to HTTP: a caller without valid credentials (missing,
 * malformed, unknown, wrong, expired, revoked) gets 401 with a {@code WWW-Authenticate} challenge
 * ({@code ApiKey}, plus {@code Basic realm="corral"} on ingest routes, which Elastic clients and
 * shippers that know only Basic wait for before sending credentials); a valid key of too small a
 * scope gets 403 naming the scope needed; a key that could not be checked now (too many checks of
 * keys not yet verified wait) gets 503 with {@code Retry-After}, never 401: the key may be right. A
 * session's change without its CSRF token gets 403 with {@code "csrf": true}; a sign-in while its
 * user name or address is locked after failures gets 429 with {@code Retry-After}.
 */
public final class AuthStatus {
  /** The realm Basic-only clients are challenged with. */
  public static final String REALM = "corral";

  private AuthStatus() {}

  /** The HTTP error for a refusal on a route of {@code access}. */
  public static HttpError of(AccessDenied denied, Access access) {
    if (denied.reason() == AccessDenied.Reason.BUSY) {
      return new HttpError(503, denied.getMessage(),
          Map.of("Retry-After", Integer.toString(denied.retryAfterSeconds())), Map.of());
    }
    if (denied.reason() == AccessDenied.Reason.THROTTLED) {
      return new HttpError(429, denied.getMessage(),
          Map.of("Retry-After", Integer.toString(denied.retryAfterSeconds())), Map.of());
    }
    if (denied.reason() == AccessDenied.Reason.CSRF) {
      return new HttpError(403, denied.getMessage(), Map.of(), Map.of("csrf", true));
    }
    if (!denied.reason().isAuthentication()) {
      return new HttpError(403, denied.getMessage(), Map.of(),
          Map.of("required_scope", denied.required().orElseThrow().name().toLowerCase(java.util.Locale.ROOT)));
    }
    String challenge = access == Access.INGEST
        ? KeyCredentials.CHALLENGE + ", Basic realm=\"" + REALM + "\"" : KeyCredentials.CHALLENGE;
    return new HttpError(401, denied.getMessage(), Map.of("WWW-Authenticate", challenge), Map.of());
  }
}
