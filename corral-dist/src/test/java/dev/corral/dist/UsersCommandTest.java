package dev.corral.dist;

import static dev.corral.dist.CommandRun.corral;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.server.CorralServer;
import dev.corral.server.config.ConfigLoader;
import dev.corral.server.config.ServerConfig;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code corral users}: offline on a stopped server's data directory (the password from standard
 * input, never an argument), then against the running server, whose sign-in takes the user.
 */
class UsersCommandTest {
  private static final String PASSWORD = "a long enough secret";
  @TempDir
  Path data;

  /** Runs {@code corral args...} with {@code stdin} as standard input. */
  private static CommandRun corralWithInput(String stdin, String... args) {
    InputStream in = System.in;
    try {
      System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      return corral(args);
    } finally {
      System.setIn(in);
    }
  }

  private static int signIn(CorralServer server, String user, String password) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/auth/login"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"" + user + "\",\"password\":\"" + password + "\"}"))
        .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void usersAreAddedOfflineWithThePasswordFromStdinAndManagedOnlineAfterwards() throws Exception {
    String dir = data.toString();
    CommandRun added = corralWithInput(PASSWORD + "\n", "users", "add", "ada", "--role", "admin", "--data", dir);
    assertThat(added.exit()).as(added.err()).isZero();
    assertThat(added.err()).contains("added user ada (admin)");
    CommandRun viewer = corralWithInput(PASSWORD + "\n", "users", "add", "pat", "--role", "viewer", "--services",
        "payment-*", "--data", dir);
    assertThat(viewer.exit()).as(viewer.err()).isZero();
    CommandRun shortOne = corralWithInput("short\n", "users", "add", "bob", "--role", "viewer", "--data", dir);
    assertThat(shortOne.exit()).isNotZero();
    assertThat(shortOne.err()).contains("12..1024 characters, got 5");
    assertThat(corralWithInput("", "users", "add", "bob", "--role", "viewer", "--data", dir).err())
        .contains("no password on standard input");
    assertThat(corral("users", "add", "--help").out()).doesNotContain("--password");
    assertThat(Files.readString(data.resolve("auth/users.json"))).doesNotContain(PASSWORD).contains("$argon2id$");

    CommandRun listed = corral("users", "list", "--data", dir);
    assertThat(listed.out()).contains("ada", "admin", "pat", "viewer", "payment-*");
    assertThat(corralWithInput("another long secret\n", "users", "passwd", "pat", "--data", dir).exit()).isZero();
    assertThat(corral("users", "set", "nobody", "--role", "viewer", "--data", dir).exit()).isEqualTo(1);

    String admin = corral("keys", "create", "--scope", "admin", "--name", "ops", "--data", dir).out().strip();
    try (CorralServer server = CorralServer.start(ServerConfig.from(ConfigLoader.load(null, Map.of(), Map.of(
        "http.port", "0", "data.dir", dir, "auth.mode", "keys", "otlp.grpc_port", "-1", "syslog.udp_port", "-1",
        "syslog.tcp_port", "-1", "gelf.udp_port", "-1", "gelf.tcp_port", "-1", "fluent.port", "-1"))))) {
      assertThat(signIn(server, "ada", PASSWORD)).isEqualTo(200);
      assertThat(signIn(server, "pat", "another long secret")).isEqualTo(200);
      CommandRun online = corral("users", "set", "pat", "--role", "editor", "--url", server.url(), "--key", admin);
      assertThat(online.exit()).as(online.err()).isZero();
      assertThat(corral("users", "list", "--url", server.url(), "--key", admin).out()).containsPattern("pat\\s+editor");
      assertThat(corral("users", "remove", "pat", "--url", server.url(), "--key", admin).out().strip())
          .isEqualTo("removed pat");
      assertThat(signIn(server, "pat", "another long secret")).isEqualTo(401);
    }
  }
}
