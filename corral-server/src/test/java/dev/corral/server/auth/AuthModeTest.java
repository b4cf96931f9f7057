package dev.corral.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.server.TestServer;
import dev.corral.server.config.AuthSection;
import dev.corral.server.config.ConfigException;
import dev.corral.server.config.ConfigLoader;
import dev.corral.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthModeTest {
  @TempDir
  Path data;

  /** The auth section of {@code settings}, the Fluent forward input off (with keys it would need fluent.shared_key). */
  private static AuthSection auth(Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(Map.of("fluent.port", "-1"));
    all.putAll(settings);
    return ServerConfig.from(ConfigLoader.load(null, Map.of(), all)).auth();
  }

  @Test
  void autoNeedsNoKeyOnLoopbackAndRefusesToStartAnywhereElseInOneLine() {
    assertThat(auth(Map.of()).keysRequired()).as("default: auto on 127.0.0.1").isFalse();
    assertThat(auth(Map.of("http.host", "localhost")).keysRequired()).isFalse();
    assertThat(auth(Map.of("http.host", "::1")).keysRequired()).isFalse();
    assertThatThrownBy(() -> auth(Map.of("http.host", "0.0.0.0"))).isInstanceOf(ConfigException.class)
        .hasMessage("http.host is 0.0.0.0, reachable from other machines, and auth.mode is auto: set auth.mode: keys "
            + "(and create a key: corral keys create --scope admin --name NAME --data DIR) or set auth.mode: none to run "
            + "without access control");
  }

  @Test
  void noneAndKeysAreTakenAsSaidWhateverTheAddress() {
    assertThat(auth(Map.of("http.host", "0.0.0.0", "auth.mode", "none")).keysRequired()).isFalse();
    assertThat(auth(Map.of("http.host", "0.0.0.0", "auth.mode", "keys")).keysRequired()).isTrue();
    assertThat(auth(Map.of("auth.mode", "KEYS")).keysRequired()).as("on loopback too").isTrue();
    assertThatThrownBy(() -> auth(Map.of("auth.mode", "open"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("auth.mode is 'open'").hasMessageContaining("use auto, none or keys");
  }

  @Test
  void withKeysOnlyHealthReadyAndTheUiAnswerWithoutAKey() throws Exception {
    try (TestServer server = TestServer.start(data, Map.of("auth.mode", "keys"))) {
      assertThat(server.get("/health").status()).isEqualTo(200);
      assertThat(server.get("/ready").status()).isEqualTo(200);
      assertThat(server.send("GET", "/", null, "Accept", "text/html").status()).isEqualTo(200);
      assertThat(server.get("/ui/app.js").status()).isNotIn(401, 403);
      TestServer.Reply search = server.get("/api/v1/search?q=*");
      assertThat(search.status()).isEqualTo(401);
      assertThat(search.header("WWW-Authenticate")).isEqualTo("ApiKey");
      assertThat(search.json().path("error").asText()).contains("an API key is required");
      assertThat(server.ingest("{\"message\":\"x\"}\n").header("WWW-Authenticate")).isEqualTo("ApiKey, Basic realm=\"corral\"");
    }
  }

  @Test
  void withNoneOrAutoOnLoopbackEveryRouteActsAsTheLocalOperator() throws Exception {
    try (TestServer server = TestServer.start(data)) {
      assertThat(server.get("/api/v1/search?q=*").status()).isEqualTo(200);
      assertThat(server.get("/api/v1/admin/keys").status()).isEqualTo(200);
    }
  }
}
