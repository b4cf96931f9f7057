package dev.corral.server.auth;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Access control for a server with API keys and signed-in users: a request with an {@code
 * Authorization} header is a key's and goes to the keys' control (a session cookie beside it is
 * ignored); one without it but with a session cookie acts as that session's user:
 *
 * <ol>
 *   <li>the session must be live ({@link Sessions#find}): unknown, signed out or expired is
 *       {@code INVALID} (401, sign in again);
 *   <li>a state-changing request must carry the session's CSRF token ({@code CSRF}, 403): the
 *       cookie alone, which a page of another site can make the browser send, changes nothing;
 *   <li>the user's {@link Role} must allow the route's access ({@code SCOPE}, 403).
 * </ol>
 *
 * A request with neither is the keys' control's to refuse (or admit, on a public route). Every
 * refusal is also handed to {@code refusals}. Thread-safe.
 */
public final class SessionAccessControl implements AccessControl {
  private final AccessControl keys;
  private final Sessions sessions;
  private final Consumer<AccessDenied> refusals;

  /**
   * @param keys how requests with an API key (or none) are admitted
   * @param refusals sees every refusal of a session request before it is thrown (counted by reason)
   */
  public SessionAccessControl(AccessControl keys, Sessions sessions, Consumer<AccessDenied> refusals) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.refusals = Objects.requireNonNull(refusals, "refusals");
  }

  @Override
  public Principal admit(Access access, String authorization) throws AccessDenied {
    return keys.admit(access, authorization);
  }

  @Override
  public Principal admit(Access access, Credentials credentials) throws AccessDenied {
    if (access == Access.PUBLIC || credentials.authorization() != null || credentials.sessionId() == null) {
      return keys.admit(access, credentials.authorization());
    }
    try {
      Session session = sessions.find(credentials.sessionId()).orElseThrow(() -> AccessDenied.because(
          AccessDenied.Reason.INVALID, "the session is unknown, signed out or expired: sign in again"));
      if (credentials.changesState() && !Sessions.csrfMatches(session, credentials.csrfToken())) {
        throw AccessDenied.csrf(credentials.csrfToken() == null
            ? "a change made through a session must send its CSRF token (header X-CSRF-Token); none was sent"
            : "the CSRF token sent (header X-CSRF-Token) is not this session's");
      }
      Identity identity = session.identity();
      if (!identity.role().allows(access)) {
        throw AccessDenied.role(identity.user(), identity.role(), access);
      }
      return identity.principal();
    } catch (AccessDenied denied) {
      refusals.accept(denied);
      throw denied;
    }
  }
}
