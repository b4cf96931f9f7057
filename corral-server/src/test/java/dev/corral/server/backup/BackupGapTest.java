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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WAL's retention bound overtakes the backup while the store is down: what it dropped before the
 * backup read it is reported — counted, with its position range, in stats — and everything else is
 * backed up once.
 */
class BackupGapTest {
  /** 1 MiB segments (the smallest) and a 1 MiB bound: a few MiB of ingest drops segments. */
  private static final Map<String, String> SMALL_WAL = Map.of("wal.segment_bytes", "1MiB",
      "wal.retention_max_bytes", "1MiB", "store.commit_interval", "100ms");
  private static final int HEAVY_REQUESTS = 40;
  private static final int HEAVY_EVENTS = 500;

  @TempDir Path dir;
  private S3TestServer s3;

  @BeforeEach
  void startS3() throws Exception {
    s3 = S3TestServer.start(dir.resolve("s3"));
  }

  @AfterEach
  void stopS3() throws Exception {
    s3.close();
  }

  private static JsonNode walStats(TestServer server) {
    return server.get("/api/v1/stats").json().get("wal");
  }

  @Test
  void retentionOvertakingTheBackupIsReportedWithItsRange() throws Exception {
    try (TestServer server = TestServer.start(dir.resolve("data"), settings(s3.endpoint(), "gap", SMALL_WAL))) {
      List<String> kept = new ArrayList<>();
      assertThat(server.ingest(events("before", 10)).status()).isEqualTo(200);
      kept.addAll(expected("before", 10));
      Await.until("the first object", () -> backupStats(server).get("lag_records").asLong() == 0);
      s3.stop();
      assertThat(server.ingest(events("held", 10)).status()).isEqualTo(200);
      kept.addAll(expected("held", 10));
      Await.until("the backup failing", () -> backupStats(server).get("state").asText().equals("failing"));
      long readUpTo = walStats(server).get("end_position").asLong();
      for (int r = 0; r < HEAVY_REQUESTS; r++) {
        assertThat(server.ingest(events("heavy" + r, HEAVY_EVENTS)).status()).isEqualTo(200);
      }
      Await.until("retention dropping what the backup had not read",
          () -> walStats(server).get("start_position").asLong() > readUpTo);
      assertThat(server.ingest(events("after", 10)).status()).isEqualTo(200);
      kept.addAll(expected("after", 10));
      s3.start();

      Await.until("the gap reported", () -> backupStats(server).get("gaps").asLong() >= 1);
      Await.until("the backup caught up", () -> backupStats(server).get("lag_records").asLong() == 0
          && backupStats(server).get("state").asText().equals("following"));
      JsonNode stats = backupStats(server);
      JsonNode gap = stats.get("recent_gaps").get(0);
      assertThat(gap.get("from").asLong()).isLessThanOrEqualTo(readUpTo);
      assertThat(gap.get("to").asLong()).isGreaterThan(readUpTo);
      assertThat(gap.get("message").asText()).isEqualTo("WAL positions " + gap.get("from").asLong() + "-"
          + gap.get("to").asLong() + " (" + gap.get("bytes").asLong()
          + " bytes) were dropped by WAL retention before they were backed up");
      assertThat(stats.get("missed_bytes").asLong()).isEqualTo(gap.get("bytes").asLong());

      List<String> backedUp = messages(objects(s3, "gap"));
      assertThat(backedUp).doesNotHaveDuplicates().containsAll(kept);
      assertThat(backedUp.size()).as("the dropped records are missing, and only they")
          .isLessThan(kept.size() + HEAVY_REQUESTS * HEAVY_EVENTS);
    }
  }
}
