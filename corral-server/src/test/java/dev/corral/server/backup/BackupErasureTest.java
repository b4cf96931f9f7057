package dev.corral.server.backup;

import static dev.corral.server.backup.BackupTesting.backupStats;
import static dev.corral.server.backup.BackupTesting.expected;
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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An erasure through {@code POST /api/v1/admin/delete} reaches the raw backup on a real s3proxy:
 * the erased service's events leave every object, the others stay, the report counts them, and a
 * second identical erasure removes nothing. By counts and states, never by timing.
 */
class BackupErasureTest {
  private static final int EVENTS = 40;

  @TempDir static Path s3Dir;
  @TempDir Path data;
  private static S3TestServer s3;

  @BeforeAll
  static void startS3() throws Exception {
    s3 = S3TestServer.start(s3Dir);
  }

  @AfterAll
  static void stopS3() throws Exception {
    s3.close();
  }

  /** {@code count} events at {@code at} from {@code service}, messages {@code <service>-<i>}. */
  private static String events(Instant at, String service, int count) {
    return events(at, service, service, count);
  }

  /** {@code count} events at {@code at} from {@code service}, messages {@code <tag>-<i>}. */
  private static String events(Instant at, String service, String tag, int count) {
    String now = at.toString();
    StringBuilder ndjson = new StringBuilder();
    for (int i = 0; i < count; i++) {
      ndjson.append("{\"timestamp\":\"").append(now).append("\",\"service\":\"").append(service)
          .append("\",\"message\":\"").append(tag).append('-').append(i).append("\"}\n");
    }
    return ndjson.toString();
  }

  private static String erasure(String query, LocalDate day) {
    return "{\"query\": \"" + query + "\", \"from\": \"" + day + "\", \"to\": \"" + day + "\"}";
  }

  @Test
  void erasureRemovesTheMatchingEventsFromTheRawBackupObjectsAndASecondRunRemovesNone() throws Exception {
    Instant now = Instant.now();
    LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
    try (TestServer server = TestServer.start(data, settings(s3.endpoint(), "uploaded", Map.of()))) {
      assertThat(server.ingest(events(now, "payments", EVENTS) + events(now, "search", EVENTS)).status()).isEqualTo(200);
      assertThat(server.ingest(events(now, "payments", EVENTS)).status()).isEqualTo(200);
      String yesterday = events(now.minus(Duration.ofDays(1)), "payments", "payments-yesterday", 1);
      assertThat(server.ingest(yesterday).status()).isEqualTo(200);
      server.awaitTotal("*", 3 * EVENTS + 1);
      Await.until("the backup has uploaded every record", () -> {
        JsonNode stats = backupStats(server);
        return stats.get("lag_records").asLong() == 0 && stats.get("state").asText().equals("following");
      });
      assertThat(messages(objects(s3, "uploaded"))).hasSize(3 * EVENTS + 1);

      TestServer.Reply reply = server.send("POST", ErasureService.PATH, erasure("service:payments", day));
      assertThat(reply.status()).as(reply.body()).isEqualTo(200);
      assertThat(reply.json().path("outcome").asText()).isEqualTo("completed");
      assertThat(reply.json().path("days").get(0).path("raw_backup").asLong()).isEqualTo(2 * EVENTS);
      List<String> kept = new ArrayList<>(expected("search", EVENTS));
      kept.add("payments-yesterday-0"); // matches the query, but of another day than the erased one
      assertThat(messages(objects(s3, "uploaded"))).as("the erased service's events of the day are gone, the rest stays")
          .containsExactlyInAnyOrderElementsOf(kept);

      TestServer.Reply again = server.send("POST", ErasureService.PATH, erasure("service:payments", day));
      assertThat(again.status()).as(again.body()).isEqualTo(200);
      assertThat(again.json().path("days").get(0).path("raw_backup").asLong()).as("idempotent").isZero();
      assertThat(messages(objects(s3, "uploaded"))).containsExactlyInAnyOrderElementsOf(kept);
    }
  }

  @Test
  void theObjectTheBackupStillFillsIsUploadedBeforeTheErasureSoItsEventsAreErasedToo() throws Exception {
    Instant now = Instant.now();
    LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
    // an hour's age and the default 64 MiB: nothing is cut before the erasure asks for it
    try (TestServer server = TestServer.start(data, settings(s3.endpoint(), "filling",
        Map.of("backup.object_seconds", "1h")))) {
      assertThat(server.ingest(events(now, "payments", EVENTS) + events(now, "search", EVENTS)).status()).isEqualTo(200);
      server.awaitTotal("*", 2 * EVENTS);
      assertThat(objects(s3, "filling")).as("the events are still in the object being filled").isEmpty();

      TestServer.Reply reply = server.send("POST", ErasureService.PATH, erasure("service:payments", day));
      assertThat(reply.status()).as(reply.body()).isEqualTo(200);
      assertThat(reply.json().path("days").get(0).path("raw_backup").asLong()).isEqualTo(EVENTS);
      assertThat(messages(objects(s3, "filling"))).containsExactlyInAnyOrderElementsOf(expected("search", EVENTS));
    }
  }
}
