package dev.corral.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Fluent forward input's shared key: read from the settings or the environment, never shown. */
class FluentSharedKeyConfigTest {
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
