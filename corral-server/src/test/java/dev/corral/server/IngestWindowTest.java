package dev.corral.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest time window ({@code ingest.max_past}, {@code ingest.max_future}): an event stamped
 * outside it is kept as a dead letter with the reason and the whole event, never indexed under its
 * stray date, and the rest of its request is accepted; for the native API and for other inputs.
 */
class IngestWindowTest {
  @TempDir
  Path data;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(data, Map.of("ingest.max_past", "30d"));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void strayTimestampsBecomeDeadLettersWithTheirReasonAndTheRestIsAccepted() throws Exception {
    String future = "{\"timestamp\":\"2262-04-01T00:00:00Z\",\"service\":\"window\",\"message\":\"far future\"}";
    String past = "{\"timestamp\":\"1700-01-02T00:00:00Z\",\"service\":\"window\",\"message\":\"day spray\"}";
    TestServer.Reply reply = server.ingest("{\"service\":\"window\",\"message\":\"now\"}\n" + future + "\n" + past
        + "\n{\"service\":\"window\",\"message\":\"also now\"}\n");
    assertThat(reply.status()).isEqualTo(200);
    JsonNode json = reply.json();
    assertThat(json.path("accepted").asInt()).isEqualTo(2);
    assertThat(json.path("rejected").asInt()).isEqualTo(2);
    assertThat(json.path("errors").get(0).path("line").asInt()).isEqualTo(2);
    assertThat(json.path("errors").get(0).path("reason").asText()).contains("2262-04-01").contains("ingest.max_future");
    assertThat(json.path("errors").get(1).path("line").asInt()).isEqualTo(3);
    assertThat(json.path("errors").get(1).path("reason").asText()).contains("1700-01-02").contains("ingest.max_past");

    server.awaitTotal("service:window", 2);
    JsonNode letters = server.awaitTotal("logtype:dead_letter AND dead_letter.input:ndjson", 2);
    assertThat(letters.path("events").findValuesAsText("dead_letter.excerpt")).containsExactlyInAnyOrder(future, past);
    assertThat(letters.path("events").findValuesAsText("dead_letter.reason"))
        .anySatisfy(reason -> assertThat(reason).startsWith("line 2: ").contains("ingest.max_future = 1d"))
        .anySatisfy(reason -> assertThat(reason).startsWith("line 3: ").contains("ingest.max_past = 30d"));
  }

  @Test
  void aSprayOfDaysOnlyIndexesTheDaysInsideTheWindow() throws Exception {
    StringBuilder body = new StringBuilder();
    LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
    int inside = 0;
    for (int i = -40; i < 60; i++) { // the repro, scaled: one event per day around today
      body.append("{\"timestamp\":\"").append(today.plusDays(i)).append("T12:00:00Z\",\"service\":\"days\"}\n");
      inside += i >= -29 && i <= 0 ? 1 : 0; // -30d at noon is more than 30 days before now; +1d at noon is more than a day ahead
    }
    JsonNode json = server.post("/api/v1/ingest", body.toString().getBytes(StandardCharsets.UTF_8),
        "Content-Type", "application/x-ndjson").json();
    assertThat(json.path("accepted").asInt() + json.path("rejected").asInt()).isEqualTo(100);
    assertThat(json.path("accepted").asInt()).as("days inside [now-30d, now+1d]").isBetween(inside, inside + 2);
    server.awaitTotal("logtype:dead_letter", json.path("rejected").asLong());
  }

  @Test
  void otherInputsSendStrayTimestampsToDeadLettersToo() throws Exception {
    String bulk = "{\"index\":{\"_index\":\"app\"}}\n{\"@timestamp\":\"2262-01-01T00:00:00Z\",\"service\":\"bulkwin\",\"message\":\"stray\"}\n"
        + "{\"index\":{\"_index\":\"app\"}}\n{\"service\":\"bulkwin\",\"message\":\"fine\"}\n";
    TestServer.Reply reply = server.post("/_bulk", bulk.getBytes(StandardCharsets.UTF_8), "Content-Type",
        "application/x-ndjson");
    assertThat(reply.status()).isEqualTo(200);
    server.awaitTotal("service:bulkwin", 1);
    JsonNode letter = server.awaitTotal("logtype:dead_letter AND dead_letter.input:bulk", 1).path("events").get(0);
    assertThat(letter.path("dead_letter.reason").asText()).contains("2262-01-01").contains("ingest.max_future");
    assertThat(letter.path("dead_letter.excerpt").asText()).as("the whole event, as it would have been stored")
        .contains("\"message\":\"stray\"").contains("\"service\":\"bulkwin\"");
  }
}
