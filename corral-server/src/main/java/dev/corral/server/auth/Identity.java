package dev.corral.server.auth;

import java.util.Objects;

/**
 * A person whose credentials a {@link CredentialSource} accepted: who they are, what they may do,
 * and where that was decided. A {@link Session} is opened for an identity, whatever proved it.
 *
 * @param user the user name
 * @param role what the user may do
 * @param readFilter the filter every read of the user is restricted to, or {@code null} for none
 * @param source where the identity was proved: {@code local} (the users file), later a directory or an OIDC issuer
 */
public record Identity(String user, Role role, String readFilter, String source) {
  /** What a signed-in user's principal id starts with; key ids never hold a colon. */
  public static final String PRINCIPAL_PREFIX = "user:";

  public Identity {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(source, "source");
  }

  /** Who a request of this identity's session acts as: {@code user:<name>}, the role's scope, the read filter. */
  public Principal principal() {
    return new Principal(PRINCIPAL_PREFIX + user, user, role.scope(), readFilter);
  }
}
