package dev.corral.server.backup;

import static dev.corral.server.backup.BackupTesting.backupStats;
import static dev.corral.server.backup.BackupTesting.messages;
import static dev.corral.server.backup.BackupTesting.objects;
import static dev.corral.server.backup.BackupTesting.settings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.Await;
import dev.corral.server.TestServer;
import dev.corral.server.archive.S3TestServer;
import dev.corral.server.erasure.ErasureService;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An erasure while the raw backup's object store is down (docs/operations.md, "Erasure and the raw
 * backup"), against a real s3proxy that the test stops: the answer names the day and what it could
 * not erase from the backup; the erasure log keeps the erasure unfinished, the day not done; the
 * restarted server resumes it once the store is back, and the backup loses the erased events too.
 * {@code backup.erasure_wait: 0} makes the first erasure give up at once, not after 30 s.
 */
class BackupErasureOutageTest {
  private static final int EVENTS = 20;

  @TempDir Path s3Dir;
  @TempDir Path data;
  private S3TestServer s3;

  @BeforeEach
  void startS3() throws Exception {
    s3 = S3TestServer.start(s3Dir);
  }

  @AfterEach
  void stopS3() throws Exception {
    s3.close();
  }

  private static String events(Instant at, String service, int from, int count) {
    StringBuilder ndjson = new StringBuilder();
    for (int i = from; i < from + count; i++) {
      ndjson.append("{\"timestamp\":\"").append(at).append("\",\"service\":\"").append(service)
          .append("\",\"message\":\"").append(service).append('-').append(i).append("\"}\n");
    }
    return ndjson.toString();
  }

  private static JsonNode erasureStats(TestServer server) {
    return server.get("/api/v1/stats").json().get("erasure");
  }

  @Test
  void anErasureWithTheBackupStoreDownNamesWhatItCouldNotEraseStaysUnfinishedAndIsResumed() throws Exception {
    Instant now = Instant.now();
    LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
    String erasure = "{\"query\": \"service:payments\", \"from\": \"" + day + "\", \"to\": \"" + day + "\"}";
    String id;
    try (TestServer server = TestServer.start(data, settings(s3.endpoint(), "outage", Map.of("backup.erasure_wait", "0")))) {
      assertThat(server.ingest(events(now, "payments", 0, EVENTS) + events(now, "search", 0, EVENTS)).status()).isEqualTo(200);
      server.awaitTotal("*", 2 * EVENTS);
      Await.until("the backup has uploaded every record", () -> backupStats(server).get("lag_records").asLong() == 0
          && backupStats(server).get("state").asText().equals("following"));
      s3.stop();
      assertThat(server.ingest(events(now, "payments", EVENTS, EVENTS)).status()).as("ingest goes on").isEqualTo(200);
      server.awaitTotal("*", 3 * EVENTS);

      TestServer.Reply reply = server.send("POST", ErasureService.PATH, erasure);

      assertThat(reply.status()).as(reply.body()).isEqualTo(500);
      JsonNode answer = reply.json();
      id = answer.get("id").asText();
      assertThat(answer.get("outcome").asText()).isEqualTo("unfinished");
      assertThat(answer.get("error").asText()).contains("day " + day).contains("NOT from the raw backup")
          .contains("resumed at the next start");
      JsonNode unfinished = answer.get("unfinished_day");
      assertThat(unfinished.get("day").asText()).isEqualTo(day.toString());
      assertThat(unfinished.get("local_events").asLong()).as("erased from the store").isEqualTo(2 * EVENTS);
      assertThat(unfinished.get("raw_backup").asText()).isEqualTo("not erased");
      assertThat(unfinished.get("reason").asText()).isNotBlank();
      assertThat(answer.get("days")).as("no day recorded as done").isEmpty();
      assertThat(server.search("service:payments").get("total").asLong()).isZero();
      assertThat(erasureStats(server).get("unfinished")).extracting(JsonNode::asText).containsExactly(id);
      JsonNode log = server.get(ErasureService.PATH).json().get("log");
      assertThat(log).extracting(line -> line.get("type").asText()).as("started, no day, not finished")
          .containsExactly("started");
    }

    s3.start();
    assertThat(messages(objects(s3, "outage"))).as("the backup still holds what it uploaded before the outage")
        .contains("payments-0");
    try (TestServer server = TestServer.start(data, settings(s3.endpoint(), "outage", Map.of()))) {
      Await.until("the erasure resumed and finished", () -> erasureStats(server).get("unfinished").isEmpty());
      JsonNode log = server.get(ErasureService.PATH).json().get("log");
      assertThat(log).extracting(line -> line.get("type").asText()).containsExactly("started", "resumed", "day", "finished");
      assertThat(log.get(2).get("raw_backup").asLong()).as("the payments events the backup held").isPositive();
      assertThat(messages(objects(s3, "outage"))).as("no payments event left in the backup")
          .noneMatch(message -> message.startsWith("payments-")).contains("search-0");
      assertThat(log.get(3).get("id").asText()).isEqualTo(id);
    }
  }
}
