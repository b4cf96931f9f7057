package dev.corral.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, finding 10: {@code stats … by} beyond {@code search.max_groups} ends with the promised
 * "(other)" row even when the group cap equals the row cap ({@code search.max_limit}), as both do
 * by default (10,000); scaled down here to 3 and 3.
 */
class GroupCapApiTest {
  @TempDir
  static Path data;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(data, Map.of("search.max_groups", "3", "search.max_limit", "3",
        "search.default_limit", "3"));
    StringBuilder events = new StringBuilder();
    String[] services = {"api", "api", "api", "api", "db", "db", "db", "web", "web", "mail", "auth"};
    for (int i = 0; i < services.length; i++) {
      events.append("{\"timestamp\":\"2026-11-21T10:00:0").append(i % 10).append("Z\",\"service\":\"")
          .append(services[i]).append("\",\"message\":\"m\"}\n");
    }
    server.ingest(events.toString());
    server.awaitTotal("", services.length);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void groupsBeyondTheCapFoldIntoAnOtherRowThatTheRowCapKeeps() {
    JsonNode table = server.search("* | stats count() by service");
    // 5 services, 3 rows allowed: the 2 largest stay, the other 3 (web 2, auth 1, mail 1) sum to 4
    assertThat(table.path("rows").toString()).isEqualTo("[[\"api\",4],[\"db\",3],[\"(other)\",4]]");
    assertThat(table.path("other_row").asBoolean()).isTrue();
    assertThat(table.path("truncated").asBoolean()).isTrue();
  }

  @Test
  void theOtherRowStaysLastThroughASort() {
    JsonNode table = server.search("* | stats count() by service | sort count()");
    assertThat(table.path("rows").toString()).isEqualTo("[[\"db\",3],[\"api\",4],[\"(other)\",4]]");
    assertThat(table.path("other_row").asBoolean()).isTrue();
  }
}
