package dev.corral.server.auth;

/**
 * What a request presents to prove who it acts as, read by the transport: its {@code
 * Authorization} header (an API key), its session cookie, and the CSRF token it sends with it.
 *
 * @param authorization the Authorization header value, or {@code null}
 * @param sessionId the session cookie's value, or {@code null}
 * @param csrfToken the CSRF token header's value, or {@code null}
 * @param changesState whether the request may change state (any method but GET, HEAD and OPTIONS):
 *     through a session it must carry the session's CSRF token
 */
public record Credentials(String authorization, String sessionId, String csrfToken, boolean changesState) {
  /** Credentials of an API key alone (protocols without cookies). */
  public static Credentials key(String authorization) {
    return new Credentials(authorization, null, null, false);
  }

  @Override
  public String toString() {
    return "Credentials[authorization=" + (authorization == null ? "none" : "<hidden>") + ", session="
        + (sessionId == null ? "none" : "<hidden>") + ", csrf=" + (csrfToken == null ? "none" : "<hidden>")
        + ", changesState=" + changesState + "]";
  }
}
