package dev.corral.testkafka;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The listeners a {@link KafkaTestBroker} opens besides PLAINTEXT, for tests of the clients' security settings:
 * <ul>
 *   <li>{@code SASL_PLAINTEXT} ({@link KafkaTestBroker#saslBootstrapServers()}), where each of {@code users} logs
 *       in with SASL {@code PLAIN} or {@code SCRAM-SHA-512} (the SCRAM credentials are written when the storage
 *       is formatted);
 *   <li>{@code SSL} ({@link KafkaTestBroker#sslBootstrapServers()}), served with a certificate for
 *       {@code 127.0.0.1} and {@code localhost} signed by a throwaway CA ({@link KafkaTestBroker#caCertificate()}),
 *       made by the real {@code openssl}; clients are not asked for certificates.
 * </ul>
 * No authorizer runs: an authenticated user may do anything.
 *
 * @param users user name to password; both of letters, digits, '.', '_' and '-' only, because they are written
 *     unquoted into the broker's JAAS settings and the storage tool's {@code --add-scram} argument
 */
public record SecureListeners(Map<String, String> users) {
  private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9._-]+");

  /** @throws IllegalArgumentException for no users, or a name or password outside the allowed characters */
  public SecureListeners {
    users = Map.copyOf(users);
    if (users.isEmpty()) {
      throw new IllegalArgumentException("secure listeners need at least one user");
    }
    users.forEach((name, password) -> {
      if (!PLAIN_WORD.matcher(name).matches()) {
        throw new IllegalArgumentException("user name '" + name + "' has characters outside " + PLAIN_WORD);
      }
      if (!PLAIN_WORD.matcher(password).matches()) {
        throw new IllegalArgumentException("the password of user '" + name + "' has characters outside "
            + PLAIN_WORD);
      }
    });
  }
}
