package dev.corral.dist;

import static dev.corral.dist.CommandRun.corral;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.server.CorralServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code corral delete} against a running server. */
class DeleteCommandTest {
  @TempDir
  Path data;

  @Test
  void deletesTheMatchingEventsAndPrintsThemPerDayAndRefusesABadFilterWithItsCaret() throws Exception {
    try (CorralServer server = CommandRun.server(data)) {
      HttpResponse<String> ingested = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url()
          + "/api/v1/ingest")).header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(
          "{\"timestamp\":\"2026-11-18T08:00:00Z\",\"user\":\"alice\",\"message\":\"a\"}\n"
              + "{\"timestamp\":\"2026-11-18T09:00:00Z\",\"user\":\"bob\",\"message\":\"b\"}\n")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(ingested.statusCode()).isEqualTo(200);

      CommandRun refused = corral("delete", "--query", "user:(alice", "--from", "2026-11-18", "--to", "2026-11-18",
          "--url", server.url());
      assertThat(refused.exit()).isEqualTo(1);
      assertThat(refused.err()).contains("query").contains("user:(alice\n").contains("^");
      CommandRun everything = corral("delete", "--query", "*", "--from", "2026-11-18", "--to", "2026-11-18",
          "--url", server.url());
      assertThat(everything.exit()).isEqualTo(1);
      assertThat(everything.err()).contains("--confirm-all".substring(2).replace('-', '_'));

      CommandRun deleted = corral("delete", "--query", "user:alice", "--from", "2026-11-01", "--to", "2026-11-30",
          "--url", server.url());
      assertThat(deleted.exit()).as(deleted.err()).isZero();
      assertThat(deleted.out()).contains("2026-11-18  1 events  (archive: not archived, raw backup: not configured)");
      assertThat(deleted.err()).contains("1 events deleted in 1 days");
      assertThat(corral("search", "*", "--url", server.url()).out()).contains("b").doesNotContain("alice");
    }
  }
}
