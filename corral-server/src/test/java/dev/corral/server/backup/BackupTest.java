package dev.corral.server.backup;

import static dev.corral.server.backup.BackupTesting.backupStats;
import static dev.corral.server.backup.BackupTesting.events;
import static dev.corral.server.backup.BackupTesting.expected;
import static dev.corral.server.backup.BackupTesting.messages;
import static dev.corral.server.backup.BackupTesting.objects;
import static dev.corral.server.backup.BackupTesting.settings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.Await;
import dev.corral.server.TestServer;
import dev.corral.server.archive.S3TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The raw backup against a real s3proxy: every acknowledged event lands in exactly one object, objects
 * are cut by size and by time, an outage of the store never stops ingest and is caught up, and a
 * store that refuses is one line in stats. By state and counts, never by timing.
 */
class BackupTest {
  private static final int REQUESTS = 20;
  private static final int EVENTS_PER_REQUEST = 50;

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

  private static List<String> ingestRequests(TestServer server, String tag, int requests) {
    List<String> sent = new ArrayList<>();
    for (int r = 0; r < requests; r++) {
      String batch = tag + r;
      assertThat(server.ingest(events(batch, EVENTS_PER_REQUEST)).status()).isEqualTo(200);
      sent.addAll(expected(batch, EVENTS_PER_REQUEST));
    }
    return sent;
  }

  private static void awaitCaughtUp(TestServer server) throws InterruptedException {
    Await.until("the backup has uploaded every record", () -> {
      JsonNode stats = backupStats(server);
      return stats.get("lag_records").asLong() == 0 && stats.get("state").asText().equals("following");
    });
  }

  @Test
  void everyAcknowledgedEventIsInExactlyOneObjectCutByTime() throws Exception {
    try (TestServer server = TestServer.start(data, settings(s3.endpoint(), "by-time", Map.of()))) {
      List<String> sent = ingestRequests(server, "t", REQUESTS);
      awaitCaughtUp(server);
      Map<String, String> objects = objects(s3, "by-time");
      assertThat(messages(objects)).containsExactlyInAnyOrderElementsOf(sent);
      assertThat(objects.keySet()).allMatch(key -> BackupTesting.KEY.matcher(key).matches());
      JsonNode stats = backupStats(server);
      assertThat(stats.get("objects").asLong()).isEqualTo(objects.size());
      assertThat(stats.get("last_object").asText()).isNotEmpty();
      assertThat(stats.get("error").asText()).isEmpty();
    }
  }

  @Test
  void objectsAreCutBySizeAndTheRestWaitsForItsTime() throws Exception {
    int objectBytes = 64 << 10;
    try (TestServer server = TestServer.start(data, settings(s3.endpoint(), "by-size",
        Map.of("backup.object_bytes", "64KiB", "backup.object_seconds", "1d")))) {
      int requestBytes = events("s0", EVENTS_PER_REQUEST).getBytes(StandardCharsets.UTF_8).length;
      int requests = 3 * objectBytes / requestBytes + 1;
      List<String> sent = ingestRequests(server, "s", requests);
      Await.until("two objects cut by size", () -> backupStats(server).get("objects").asLong() >= 2);
      Map<String, String> objects = objects(s3, "by-size");
      assertThat(objects.values()).allSatisfy(ndjson ->
          assertThat(ndjson.getBytes(StandardCharsets.UTF_8).length).isGreaterThanOrEqualTo(objectBytes));
      List<String> backedUp = messages(objects);
      assertThat(sent).containsAll(backedUp);
      assertThat(backedUp).doesNotHaveDuplicates().hasSizeLessThan(sent.size());
      assertThat(backupStats(server).get("lag_records").asLong()).as("the rest is held until its time").isPositive();
    }
  }

  @Test
  void storeOutageNeverStopsIngestAndIsCaughtUp() throws Exception {
    try (TestServer server = TestServer.start(data, settings(s3.endpoint(), "outage", Map.of()))) {
      List<String> sent = new ArrayList<>(ingestRequests(server, "before", 2));
      awaitCaughtUp(server);
      s3.stop();
      try {
        sent.addAll(ingestRequests(server, "during", REQUESTS));
        Await.until("the backup reports the outage", () -> backupStats(server).get("state").asText().equals("failing"));
        JsonNode stats = backupStats(server);
        assertThat(stats.get("lag_records").asLong()).isPositive();
        assertThat(stats.get("error").asText()).contains("outage/raw/").doesNotContain("\n");
        sent.addAll(ingestRequests(server, "still", 2));
      } finally {
        s3.start();
      }
      awaitCaughtUp(server);
      Map<String, String> objects = objects(s3, "outage");
      assertThat(messages(objects)).containsExactlyInAnyOrderElementsOf(sent);
    }
  }

  @Test
  void wrongCredentialsAreOneLineInStatsAndIngestGoesOn() throws Exception {
    try (TestServer server = TestServer.start(data, settings(s3.endpoint(), "denied",
        Map.of("backup.secret_key", "not-the-secret")))) {
      assertThat(server.ingest(events("denied", 10)).status()).isEqualTo(200);
      Await.until("the refusal in stats", () -> backupStats(server).get("state").asText().equals("failing"));
      String error = backupStats(server).get("error").asText();
      assertThat(error).contains("HTTP 403").contains("backup.access_key").doesNotContain("\n");
      assertThat(server.awaitTotal("service:backup-test", 10).get("total").asLong()).isEqualTo(10);
    }
  }

  @Test
  void missingBucketIsOneLineInStatsAndIngestGoesOn() throws Exception {
    Map<String, String> settings = new java.util.HashMap<>(settings(s3.endpoint(), "nowhere", Map.of()));
    settings.put("backup.url", "s3://no-such-bucket/nowhere");
    try (TestServer server = TestServer.start(data, settings)) {
      assertThat(server.ingest(events("lost", 10)).status()).isEqualTo(200);
      Await.until("the refusal in stats", () -> backupStats(server).get("state").asText().equals("failing"));
      assertThat(backupStats(server).get("error").asText()).contains("no-such-bucket").contains("404")
          .doesNotContain("\n");
      assertThat(server.awaitTotal("service:backup-test", 10).get("total").asLong()).isEqualTo(10);
    }
  }

  @Test
  void offWithoutUrl() throws Exception {
    try (TestServer server = TestServer.start(data, Map.of())) {
      assertThat(backupStats(server).get("state").asText()).isEqualTo("off");
    }
  }
}
