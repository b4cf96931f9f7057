package dev.corral.server.archive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures (asserts nothing about time): archive upload throughput for a day of about a million
 * demo-fleet events against s3proxy on loopback. Not part of the build (the name matches no
 * surefire pattern); run it with
 * {@code ./mvnw -q -B -pl corral-server -am test -Dtest=ArchiveUploadBench -Dsurefire.failIfNoSpecifiedTests=false}
 * and read the {@code archive-bench} line it prints: bytes of the day's warm files, the pass's
 * time (hashing the local files, uploading, reading every object back to verify) and MB/s.
 */
class ArchiveUploadBench {
  private static final String DAY = "2026-11-19";
  private static final int EVENTS = 1_000_000;

  @TempDir Path data;
  @TempDir Path objects;

  @Test
  void uploadOneMillionEventDay() throws Exception {
    try (S3TestServer s3 = S3TestServer.start(objects);
        TestServer server = ArchiveTesting.server(data, s3, Map.of("store.compaction_max_bytes_per_sec", "0"),
            UploadSeam.NONE)) {
      long sent = ArchiveFetchBench.ingestDay(server, java.time.LocalDate.parse(DAY), EVENTS);
      server.awaitTotal("*", sent);
      ArchiveTesting.compact(server, DAY);
      JsonNode pass = ArchiveTesting.runPass(server).json();
      JsonNode day = server.get("/api/v1/archive/days").json().get("days").get(0);
      long bytes = day.get("bytes").asLong();
      long tookMs = pass.get("took_ms").asLong();
      System.out.printf("archive-bench events=%d warm_bytes=%d pass_ms=%d throughput_mb_per_s=%.1f archived=%s%n",
          day.get("events").asLong(), bytes, tookMs, bytes / 1e6 / (tookMs / 1000.0), pass.get("archived"));
    }
  }
}
