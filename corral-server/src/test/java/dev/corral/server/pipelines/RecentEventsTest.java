package dev.corral.server.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import dev.corral.server.auth.ApiKeys;
import dev.corral.server.auth.KeySpec;
import dev.corral.server.auth.Scope;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live preview's ring: the last events of each input as they arrived, before any pipeline (so
 * unredacted), bounded in count, readable by admin keys only.
 */
class RecentEventsTest {
  private static final String REDACT = "id: scrub\nprocessors:\n  - redact: {field: message, detectors: [email]}\n";

  @TempDir
  Path data;

  @Test
  void theLastEventsOfEachInputAreKeptUnprocessedAndOnlyAnAdminReadsThem() throws Exception {
    ApiKeys keys = ApiKeys.open(data, Clock.systemUTC());
    String read = "Bearer " + keys.create(new KeySpec("reader", Scope.READ, List.of(), null, null)).key();
    String ingest = "Bearer " + keys.create(new KeySpec("shipper", Scope.INGEST, List.of(), null, null)).key();
    String admin = "Bearer " + keys.create(new KeySpec("admin", Scope.ADMIN, List.of(), null, null)).key();
    try (TestServer server = TestServer.start(data, Map.of("auth.mode", "keys", "pipelines.preview_events", "3"))) {
      assertThat(server.send("PUT", "/api/v1/pipelines/scrub", REDACT, "Authorization", admin,
          "Content-Type", "application/yaml").status()).isEqualTo(200);
      StringBuilder lines = new StringBuilder();
      for (int i = 1; i <= 5; i++) {
        lines.append("line ").append(i).append(" from ann").append(i).append("@example.com\n");
      }
      assertThat(server.post("/api/v1/ingest/raw?pipeline=scrub&service=web", lines.toString()
          .getBytes(StandardCharsets.UTF_8), "Content-Type", "text/plain", "Authorization", ingest).status()).isEqualTo(200);
      assertThat(server.post("/api/v1/ingest", "{\"service\":\"api\",\"message\":\"json one\"}\n"
          .getBytes(StandardCharsets.UTF_8), "Authorization", ingest).status()).isEqualTo(200);

      TestServer.Reply list = server.send("GET", "/api/v1/inputs/recent", null, "Authorization", admin);
      assertThat(list.status()).isEqualTo(200);
      assertThat(list.json().path("capacity").asInt()).isEqualTo(3);
      List<String> inputs = new ArrayList<>();
      list.json().path("inputs").forEach(input -> inputs.add(input.path("input").asText() + "=" + input.path("events")));
      assertThat(inputs).contains("raw=3", "ndjson=1");

      JsonNode raw = server.send("GET", "/api/v1/inputs/recent/raw", null, "Authorization", admin).json();
      List<String> messages = new ArrayList<>();
      raw.path("events").forEach(event -> messages.add(event.path("message").asText()));
      assertThat(messages).as("the last three, oldest first, as they arrived: not redacted")
          .containsExactly("line 3 from ann3@example.com", "line 4 from ann4@example.com", "line 5 from ann5@example.com");
      assertThat(raw.path("events").get(0).path("service").asText()).isEqualTo("web");
      assertThat(server.send("GET", "/api/v1/inputs/recent/raw?limit=1", null, "Authorization", admin).json()
          .path("events")).hasSize(1);
      JsonNode stored = storedEvents(server, read, 5);
      assertThat(stored.toString()).as("what was stored went through the pipeline").contains("<EMAIL>")
          .doesNotContain("ann5@example.com");

      for (String key : List.of(read, ingest)) {
        assertThat(server.send("GET", "/api/v1/inputs/recent", null, "Authorization", key).status()).isEqualTo(403);
        assertThat(server.send("GET", "/api/v1/inputs/recent/raw", null, "Authorization", key).status()).isEqualTo(403);
      }
      assertThat(server.send("GET", "/api/v1/inputs/recent/raw", null).status()).isEqualTo(401);

      TestServer.Reply unknown = server.send("GET", "/api/v1/inputs/recent/nope", null, "Authorization", admin);
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(unknown.body()).contains("'nope'", "raw");
      TestServer.Reply badLimit = server.send("GET", "/api/v1/inputs/recent/raw?limit=500", null, "Authorization", admin);
      assertThat(badLimit.status()).isEqualTo(400);
      assertThat(badLimit.body()).contains("'500'", "1 to 3");
    }
  }

  /** Waits (by state, not by time) until the search finds {@code expected} events of service web. */
  private static JsonNode storedEvents(TestServer server, String key, int expected) throws InterruptedException {
    for (int attempt = 0; ; attempt++) {
      JsonNode answer = server.send("POST", "/api/v1/query", "{\"q\":\"service:web\",\"limit\":10}", "Authorization",
          key, "Content-Type", "application/json").json();
      if (answer.path("total").asLong() >= expected || attempt == 300) {
        return answer;
      }
      Thread.sleep(100);
    }
  }

  @Test
  void noneAreKeptWhenThePreviewIsOff() throws Exception {
    try (TestServer server = TestServer.start(data, Map.of("pipelines.preview_events", "0"))) {
      assertThat(server.post("/api/v1/ingest/raw", "a line\n".getBytes(StandardCharsets.UTF_8), "Content-Type",
          "text/plain").status()).isEqualTo(200);
      assertThat(server.get("/api/v1/inputs/recent").json().path("inputs")).isEmpty();
      TestServer.Reply none = server.get("/api/v1/inputs/recent/raw");
      assertThat(none.status()).isEqualTo(404);
      assertThat(none.body()).contains("pipelines.preview_events is 0");
    }
  }

  @Test
  void theRingIsBoundedInBytesAndSkipsHugeEvents() {
    RecentEvents recent = new RecentEvents(100);
    String big = "x".repeat(RecentEvents.MAX_EVENT_BYTES);
    String medium = "y".repeat(30_000); // ~60 KB each as UTF-16
    List<dev.corral.model.LogEvent> events = new ArrayList<>();
    events.add(new dev.corral.model.LogEvent(0, dev.corral.model.Level.INFO, big, dev.corral.model.Fields.empty()));
    for (int i = 0; i < 100; i++) {
      events.add(new dev.corral.model.LogEvent(i, dev.corral.model.Level.INFO, medium, dev.corral.model.Fields.empty()));
    }
    recent.record("raw", events);
    long[] size = recent.inputs().get("raw");
    assertThat(size[1]).isLessThanOrEqualTo(RecentEvents.MAX_BYTES_PER_INPUT);
    assertThat(size[0]).isLessThan(100).isPositive();
    assertThat(recent.last("raw", 100)).allMatch(event -> event.message().equals(medium))
        .last().satisfies(event -> assertThat(event.timestamp()).isEqualTo(99));
  }
}
