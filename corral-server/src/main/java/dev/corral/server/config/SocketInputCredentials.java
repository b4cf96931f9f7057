package dev.corral.server.config;

/**
 * The rule that, while API keys are required, no socket input that is on takes events from a sender that proved
 * nothing: each one needs the credentials its protocol offers. Checked once, when the configuration is read, so the
 * server refuses to start in one line that says what to set. Today: the Fluent forward input needs
 * {@code fluent.shared_key} (its handshake). OTLP/gRPC needs no setting: it reads the API key from each call's
 * metadata. Stateless.
 */
final class SocketInputCredentials {
  private SocketInputCredentials() {}

  /**
   * Throws when keys are required and a socket input that is on has no credentials configured.
   *
   * @throws ConfigException in one line naming the input, its port and the settings that fix it
   */
  static void require(AuthSection auth, InputsSection inputs, FluentSection fluent) {
    if (!auth.keysRequired()) {
      return;
    }
    int fluentPort = inputs.sockets().fluentPort();
    if (fluentPort >= 0 && fluent.handshakeKey().isEmpty()) {
      throw new ConfigException("fluent.port is " + fluentPort + " and auth.mode is " + auth.mode().name()
          .toLowerCase(java.util.Locale.ROOT) + ", but the Fluent forward input has no credentials: set "
          + "fluent.shared_key (" + Settings.FLUENT_SHARED_KEY.environmentVariable() + ") to the shared key its "
          + "senders use (Fluentd <security> shared_key, Fluent Bit Shared_Key), or set fluent.port: -1 to turn it off");
    }
  }
}
