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
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code corral search --all} (the streaming export) and {@code corral loglevel list|set|reset} against a running server. */
class OpsCommandsTest {
  /** The server's search.max_limit: the events ingested are more. */
  private static final int MAX_LIMIT = 20;
  private static final int EVENTS = 75;

  @TempDir
  Path data;

  @Test
  void searchAllPrintsEveryMatchBeyondTheSearchLimitAndLogLevelsChange() throws Exception {
    Map<String, String> settings = new HashMap<>(Map.of("http.port", "0", "data.dir", data.toString(),
        "otlp.grpc_port", "-1", "syslog.udp_port", "-1", "syslog.tcp_port", "-1", "gelf.udp_port", "-1",
        "gelf.tcp_port", "-1", "fluent.port", "-1", "storage.min_free_bytes", "0"));
    settings.putAll(Map.of("search.max_limit", Integer.toString(MAX_LIMIT), "search.default_limit", "10"));
    try (CorralServer server = CorralServer.start(ServerConfig.from(ConfigLoader.load(null, Map.of(), settings)))) {
      StringBuilder ndjson = new StringBuilder();
      Instant base = Instant.now().minusSeconds(600);
      for (int i = 0; i < EVENTS; i++) {
        ndjson.append("{\"timestamp\":\"").append(base.plusMillis(i)).append("\",\"service\":\"cli\",\"seq\":")
            .append(i).append(",\"message\":\"line ").append(i).append("\"}\n");
      }
      HttpResponse<String> ingested = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url()
          + "/api/v1/ingest")).header("Content-Type", "application/x-ndjson")
          .POST(HttpRequest.BodyPublishers.ofString(ndjson.toString())).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(ingested.statusCode()).isEqualTo(200);
      for (int attempt = 0; attempt < 400 && !corral("search", "service:cli", "-n", "1", "--url", server.url()).err()
          .contains("of " + EVENTS + " matching"); attempt++) {
        Thread.sleep(50); // until searchable
      }

      CommandRun all = corral("search", "service:cli", "--all", "--since", "1h", "--url", server.url(), "--color", "never");
      assertThat(all.exit()).as(all.err()).isZero();
      String[] lines = all.out().split("\n");
      assertThat(lines).hasSize(EVENTS);
      assertThat(lines[0]).contains("cli").contains("line 0");
      assertThat(lines[EVENTS - 1]).as("oldest first, like a search's output").contains("line " + (EVENTS - 1));
      assertThat(all.err()).contains(EVENTS + " matching events");
      CommandRun json = corral("search", "service:cli", "--all", "--json", "--since", "1h", "--url", server.url());
      assertThat(json.out().split("\n")).hasSize(EVENTS).allMatch(line -> line.startsWith("{\"timestamp\""));
      assertThat(corral("search", "service:cli", "--all", "--url", server.url()).exit()).as("no range").isEqualTo(2);
      CommandRun pipes = corral("search", "service:cli | stats count()", "--all", "--since", "1h", "--url", server.url());
      assertThat(pipes.exit()).isEqualTo(2);
      assertThat(pipes.err()).contains("without pipes");

      CommandRun set = corral("loglevel", "set", "store", "debug", "--url", server.url());
      assertThat(set.exit()).as(set.err()).isZero();
      assertThat(set.out()).startsWith("store").contains("DEBUG").contains("changed").contains("dev.corral.store");
      assertThat(corral("loglevel", "list", "--url", server.url()).out()).containsPattern("store +DEBUG +INFO +changed")
          .containsPattern("wal +INFO");
      CommandRun reset = corral("loglevel", "reset", "store", "--url", server.url());
      assertThat(reset.out()).containsPattern("store +INFO").doesNotContain("changed");
      CommandRun unknown = corral("loglevel", "set", "stroe", "DEBUG", "--url", server.url());
      assertThat(unknown.exit()).isEqualTo(1);
      assertThat(unknown.err()).contains("stroe").contains("store, wal");
    }
  }
}
