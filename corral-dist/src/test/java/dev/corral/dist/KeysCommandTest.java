package dev.corral.dist;

import static dev.corral.dist.CommandRun.corral;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.server.CorralServer;
import dev.corral.server.config.ConfigLoader;
import dev.corral.server.config.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code corral keys}: offline on a stopped server's data directory, and against a running server. */
class KeysCommandTest {
  @TempDir
  Path data;

  private CorralServer start() throws Exception {
    return CorralServer.start(ServerConfig.from(ConfigLoader.load(null, Map.of(), Map.of("http.port", "0",
        "data.dir", data.toString(), "auth.mode", "keys", "otlp.grpc_port", "-1", "syslog.udp_port", "-1",
        "syslog.tcp_port", "-1", "gelf.udp_port", "-1", "gelf.tcp_port", "-1", "fluent.port", "-1"))));
  }

  private static int status(CorralServer server, String path, String key) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path));
    if (key != null) {
      request.header("Authorization", "ApiKey " + key);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void offlineCreatePrintsOnlyTheKeyAndTheServerAcceptsItThenOnlineCommandsUseIt() throws Exception {
    CommandRun created = corral("keys", "create", "--scope", "admin", "--name", "ops", "--data", data.toString());
    assertThat(created.exit()).as(created.err()).isZero();
    String admin = created.out().strip();
    assertThat(admin).matches("[A-Za-z0-9_-]{12}:[A-Za-z0-9_-]{32}");
    assertThat(created.err()).contains("shown only this once");
    try (CorralServer server = start()) {
      assertThat(status(server, "/api/v1/stats", admin)).isEqualTo(200);
      assertThat(status(server, "/api/v1/stats", null)).isEqualTo(401);

      CommandRun offlineWhileRunning = corral("keys", "list", "--data", data.toString());
      assertThat(offlineWhileRunning.exit()).isNotZero();
      assertThat(offlineWhileRunning.err()).contains("in use").contains("--url and an admin --key");

      CommandRun online = corral("keys", "create", "--scope", "read", "--name", "payments", "--services", "payment-*",
          "--expires", "90d", "--url", server.url(), "--key", admin);
      assertThat(online.exit()).as(online.err()).isZero();
      String reader = online.out().strip();
      assertThat(status(server, "/api/v1/search?q=*", reader)).isEqualTo(200);
      assertThat(status(server, "/api/v1/admin/keys", reader)).isEqualTo(403);

      CommandRun noKey = corral("keys", "list", "--url", server.url(), "--key", "");
      assertThat(noKey.exit()).isNotZero();
      assertThat(noKey.err()).contains("401").contains("--key");

      CommandRun listed = corral("keys", "list", "--url", server.url(), "--key", admin);
      assertThat(listed.out()).contains("ops").contains("payments").contains("service:payment-*")
          .doesNotContain(admin.substring(13)).doesNotContain(reader.substring(13));

      String readerId = reader.substring(0, reader.indexOf(':'));
      CommandRun revoked = corral("keys", "revoke", readerId, "--url", server.url(), "--key", admin);
      assertThat(revoked.out().strip()).as("exit %d, stderr: %s", revoked.exit(), revoked.err())
          .isEqualTo("revoked " + readerId);
      assertThat(status(server, "/api/v1/search?q=*", reader)).isEqualTo(401);
    }
    CommandRun offlineList = corral("keys", "list", "--data", data.toString());
    assertThat(offlineList.exit()).as(offlineList.err()).isZero();
    assertThat(offlineList.out()).containsPattern("payments.*").contains("revoked");
    assertThat(corral("keys", "revoke", "nosuchid", "--data", data.toString()).exit()).isEqualTo(1);
  }

  @Test
  void createTakesRateLimitsOfflineAndOnlineAndListShowsThem() throws Exception {
    CommandRun offline = corral("keys", "create", "--scope", "admin", "--name", "ops", "--max-queries-per-minute", "600",
        "--data", data.toString());
    assertThat(offline.exit()).as(offline.err()).isZero();
    String admin = offline.out().strip();
    CommandRun wrongScope = corral("keys", "create", "--scope", "read", "--name", "x", "--max-events-per-second", "10",
        "--data", data.toString());
    assertThat(wrongScope.exit()).isEqualTo(1);
    assertThat(wrongScope.err().strip()).isEqualTo("corral: events_per_second limits ingest: only an ingest or admin "
        + "key takes it, not read");
    try (CorralServer server = start()) {
      CommandRun online = corral("keys", "create", "--scope", "ingest", "--name", "filebeat", "--max-events-per-second",
          "2500", "--url", server.url(), "--key", admin);
      assertThat(online.exit()).as(online.err()).isZero();
      CommandRun listed = corral("keys", "list", "--url", server.url(), "--key", admin);
      assertThat(listed.out()).contains("EVENTS/S", "QUERIES/M").containsPattern("ops .* default +600 ")
          .containsPattern("filebeat .* 2500 +default ");
      CommandRun refused = corral("keys", "create", "--scope", "ingest", "--name", "y", "--max-events-per-second", "-1",
          "--url", server.url(), "--key", admin);
      assertThat(refused.exit()).isEqualTo(1);
      assertThat(refused.err()).contains("events_per_second is -1");
    }
  }

  @Test
  void badArgumentsAreOneLineErrors() {
    CommandRun run = corral("keys", "create", "--scope", "root", "--name", "x", "--data", data.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err().strip()).isEqualTo("corral: scope 'root' is not one of ingest, read, admin");
    CommandRun ingestWithServices = corral("keys", "create", "--scope", "ingest", "--name", "x", "--services", "a",
        "--data", data.toString());
    assertThat(ingestWithServices.err()).contains("only a read key takes them");
  }
}
