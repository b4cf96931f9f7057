package dev.corral.dist;

import static dev.corral.dist.CommandRun.corral;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.server.CorralServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code corral retention show|set|run|reset} against a running server. */
class RetentionCommandTest {
  @TempDir
  Path data;

  @Test
  void showsSetsRunsAndResetsThePolicyOfARunningServer() throws Exception {
    try (CorralServer server = CommandRun.server(data)) {
      CommandRun shown = corral("retention", "show", "--url", server.url());
      assertThat(shown.exit()).as(shown.err()).isZero();
      assertThat(shown.out()).contains("max_age    0            (default)").contains("no retention is set");

      CommandRun refused = corral("retention", "set", "--rule", "3d=service:(checkout", "--url", server.url());
      assertThat(refused.exit()).isEqualTo(1);
      assertThat(refused.err()).contains("rules[0].match").contains("service:(checkout\n          ^");

      CommandRun set = corral("retention", "set", "--max-age", "30d", "--rule", "3d=level:DEBUG", "--url", server.url());
      assertThat(set.exit()).as(set.err()).isZero();
      assertThat(set.out()).contains("max_age    30d").contains("admin API").contains("  3d       level:DEBUG");

      String old = LocalDate.now(ZoneOffset.UTC).minusDays(40).toString();
      HttpResponse<String> ingested = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url()
          + "/api/v1/ingest")).header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(
          "{\"timestamp\":\"" + old + "T08:00:00Z\",\"message\":\"old\"}\n{\"timestamp\":\"" + LocalDate.now(ZoneOffset.UTC)
              + "T00:00:00Z\",\"message\":\"today\"}\n")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(ingested.statusCode()).isEqualTo(200);
      for (int attempt = 0; attempt < 400 && !corral("search", "*", "--url", server.url()).out().contains("old"); attempt++) {
        Thread.sleep(50); // until indexed: the pass acts on the partitions the store has
      }
      CommandRun run = corral("retention", "run", "--url", server.url());
      assertThat(run.exit()).as(run.err()).isZero();
      assertThat(run.out()).startsWith("dropped " + old + ": ").contains("1 events, by max_age (30d)");
      assertThat(run.err()).contains("1 deletion");

      CommandRun reset = corral("retention", "reset", "--url", server.url());
      assertThat(reset.exit()).as(reset.err()).isZero();
      assertThat(reset.out()).contains("max_age    0            (default)");
    }
  }
}
