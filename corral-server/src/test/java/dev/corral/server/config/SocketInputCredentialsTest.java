package dev.corral.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** While keys are required, a socket input that is on must have its protocol's credentials, or Corral does not start. */
class SocketInputCredentialsTest {
  private static ServerConfig config(Map<String, String> environment, Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(Map.of("syslog.udp_port", "-1", "syslog.tcp_port", "-1",
        "gelf.udp_port", "-1", "gelf.tcp_port", "-1"));
    all.putAll(settings);
    return ServerConfig.from(ConfigLoader.load(null, environment, all));
  }

  private static ServerConfig config(Map<String, String> settings) {
    return config(Map.of(), settings);
  }

  @Test
  void withKeysTheFluentInputWithoutASharedKeyRefusesToStartInOneLineSayingWhatToSet() {
    assertThatThrownBy(() -> config(Map.of("auth.mode", "keys"))).isInstanceOf(ConfigException.class)
        .hasMessage("fluent.port is 24224 and auth.mode is keys, but the Fluent forward input has no credentials: set "
            + "fluent.shared_key (CORRAL_FLUENT_SHARED_KEY) to the shared key its senders use (Fluentd <security> "
            + "shared_key, Fluent Bit Shared_Key), or set fluent.port: -1 to turn it off");
    assertThatThrownBy(() -> config(Map.of("auth.mode", "keys", "fluent.shared_key", "  ")))
        .as("a blank key is no key").isInstanceOf(ConfigException.class);
  }

  @Test
  void withKeysASharedKeyOrTheInputOffIsEnough() {
    assertThat(config(Map.of("auth.mode", "keys", "fluent.shared_key", "s3cret")).fluent().handshakeKey())
        .contains("s3cret");
    assertThat(config(Map.of("auth.mode", "keys", "fluent.port", "-1")).fluent().handshakeKey()).isEmpty();
    assertThat(config(Map.of("CORRAL_FLUENT_SHARED_KEY", "from-env"), Map.of("auth.mode", "keys")).fluent()
        .handshakeKey()).as("from the environment").contains("from-env");
  }

  @Test
  void withoutKeysNothingIsRequiredAndASharedKeyStillTurnsTheHandshakeOn() {
    assertThat(config(Map.of()).fluent().handshakeKey()).isEmpty();
    assertThat(config(Map.of("auth.mode", "none", "fluent.shared_key", "s3cret")).fluent().handshakeKey())
        .contains("s3cret");
  }

  @Test
  void theSharedKeyIsNeverShownByTheConfiguration() {
    ServerConfig config = config(Map.of("fluent.shared_key", "s3cret-value"));
    assertThat(config.toString()).doesNotContain("s3cret-value").contains("sharedKey=<hidden>");
    assertThat(config.fluent().toString()).doesNotContain("s3cret-value");
  }
}
