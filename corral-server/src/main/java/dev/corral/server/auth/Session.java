package dev.corral.server.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * A signed-in session as {@link Sessions#open} issued it.
 *
 * @param id the session id the cookie carries: {@value Sessions#ID_BYTES} random bytes, URL-safe base64
 * @param csrfToken the token every state-changing request of the session must send in a header
 *     (the synchronizer token): {@value Sessions#ID_BYTES} random bytes of its own
 * @param identity who signed in
 * @param created when it was opened
 * @param expires when it ends whatever its use (the absolute expiry)
 */
public record Session(String id, String csrfToken, Identity identity, Instant created, Instant expires) {
  public Session {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(csrfToken, "csrfToken");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(expires, "expires");
  }

  @Override
  public String toString() {
    return "Session[user=" + identity.user() + ", created=" + created + ", expires=" + expires + "]";
  }
}
