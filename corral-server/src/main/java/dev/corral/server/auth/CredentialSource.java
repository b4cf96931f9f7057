package dev.corral.server.auth;

/**
 * Where a sign-in's user name and password are checked. Today the data directory's local users
 * ({@link LocalUsers}); an LDAP directory would be another. A single sign-on provider (OIDC) proves
 * an identity with a redirect instead of a password: it would produce an {@link Identity} of its
 * own and open a {@link Session} for it the same way, so sessions, CSRF and roles need no change.
 *
 * <p>Implementations are thread-safe and take about as long for an unknown user as for a wrong
 * password, so timing does not tell whether a user exists.
 */
@FunctionalInterface
public interface CredentialSource {
  /**
   * The identity of {@code user} if {@code password} is theirs.
   *
   * @throws AccessDenied {@code INVALID} for an unknown user or a wrong password (one reason, one
   *     message), {@code BUSY} when the password could not be checked now
   */
  Identity verify(String user, String password) throws AccessDenied;
}
