package dev.corral.server.users;

import dev.corral.server.auth.AccessDenied;
import dev.corral.server.auth.CredentialSource;
import dev.corral.server.auth.Identity;
import dev.corral.server.auth.LoginThrottle;
import dev.corral.server.auth.Session;
import dev.corral.server.auth.Sessions;

/**
 * One sign-in, in order: (1) the {@link LoginThrottle} may refuse it at once (the name or the
 * address is locked); (2) it is counted as a failure before the password is checked, so attempts
 * sent in parallel cannot all slip through before the first failure counts; (3) the {@link
 * CredentialSource} checks the password; (4) on success the failures are cleared and a {@link
 * Sessions#open new session} is opened — a new id whatever the client held before. Thread-safe.
 */
final class SignIn {
  private final CredentialSource source;
  private final LoginThrottle throttle;
  private final Sessions sessions;

  SignIn(CredentialSource source, LoginThrottle throttle, Sessions sessions) {
    this.source = source;
    this.throttle = throttle;
    this.sessions = sessions;
  }

  /**
   * Signs {@code user} in from {@code address}.
   *
   * @throws AccessDenied {@code THROTTLED} while locked, {@code INVALID} for an unknown user or a
   *     wrong password, {@code BUSY} when the password could not be checked now
   */
  Session signIn(String user, String password, String address) throws AccessDenied {
    throttle.admit(user, address);
    throttle.failed(user, address);
    Identity identity = source.verify(user, password);
    throttle.succeeded(user, address);
    return sessions.open(identity);
  }
}
