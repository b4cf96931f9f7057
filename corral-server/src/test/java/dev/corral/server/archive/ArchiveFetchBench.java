package dev.corral.server.archive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.demo.FleetSimulator;
import dev.corral.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures (asserts nothing about time) queries over archived days and restore throughput against
 * s3proxy on loopback: seven days of demo-fleet events (the first about a million, the others
 * {@value #SMALL_DAY_EVENTS} each), the first five archived and removed locally; then {@code
 * level:ERROR | stats count() by service} over the seven days with a cold cache and again warm;
 * then, after a restart with the cache emptied, {@code corral restore} of the million-event day.
 * Not part of the build (the name matches no surefire pattern); run it with
 * {@code ./mvnw -q -B -pl corral-server -am test -Dtest=ArchiveFetchBench -Dsurefire.failIfNoSpecifiedTests=false}
 * and read the {@code archive-fetch-bench} lines it prints.
 */
class ArchiveFetchBench {
  private static final LocalDate FIRST = LocalDate.parse("2026-11-10");
  private static final int BIG_DAY_EVENTS = 1_000_000;
  private static final int SMALL_DAY_EVENTS = 100_000;
  private static final int LINES_PER_REQUEST = 5_000;
  private static final String QUERY = "level:ERROR | stats count() by service";

  @TempDir Path data;
  @TempDir Path objects;

  @Test
  void queryOverSevenDaysFiveArchivedThenRestoreTheMillionEventDay() throws Exception {
    Map<String, String> settings = Map.of("store.compaction_max_bytes_per_sec", "0", "archive.local_max_age", "1d");
    try (S3TestServer s3 = S3TestServer.start(objects)) {
      try (TestServer server = ArchiveTesting.server(data, s3, settings, UploadSeam.NONE)) {
        long sent = 0;
        for (int i = 0; i < 7; i++) {
          sent += ingestDay(server, FIRST.plusDays(i), i == 0 ? BIG_DAY_EVENTS : SMALL_DAY_EVENTS);
        }
        server.awaitTotal("*", sent);
        for (int i = 0; i < 5; i++) {
          ArchiveTesting.compact(server, FIRST.plusDays(i).toString());
        }
        long before = localBytes();
        JsonNode pass = ArchiveTesting.runPass(server).json();
        System.out.printf("archive-fetch-bench archived=%s removed_locally=%s local_bytes_before=%d"
            + " local_bytes_after=%d%n", pass.get("archived"), pass.get("removed_locally"), before, localBytes());
        for (String cache : List.of("cold", "warm")) {
          long started = System.nanoTime();
          TestServer.Reply reply = server.post("/api/v1/query", ("{\"q\":\"" + QUERY + "\",\"from\":\"" + FIRST
              + "T00:00:00Z\",\"to\":\"" + FIRST.plusDays(7) + "T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8));
          long wallMs = (System.nanoTime() - started) / 1_000_000;
          JsonNode answer = reply.json();
          System.out.printf("archive-fetch-bench query=%s cache=%s wall_ms=%d took_ms=%d total=%d archive=%s rows=%s%n",
              QUERY, cache, wallMs, answer.path("took_ms").asLong(), answer.path("total").asLong(),
              answer.path("archive"), answer.path("rows"));
        }
      }
      FetchCache.deleteTree(data.resolve("archive/cache"));
      try (TestServer server = ArchiveTesting.server(data, s3, settings, UploadSeam.NONE)) {
        JsonNode day = server.get("/api/v1/archive/days").json().get("days").get(0);
        JsonNode restored = server.post("/api/v1/admin/archive/restore", ("{\"from\":\"" + FIRST + "\",\"to\":\""
            + FIRST + "\"}").getBytes(StandardCharsets.UTF_8)).json();
        long bytes = day.get("bytes").asLong();
        long tookMs = restored.get("took_ms").asLong();
        System.out.printf("archive-fetch-bench restore day=%s events=%d bytes=%d took_ms=%d throughput_mb_per_s=%.1f"
            + " fetched=%d%n", day.get("day").asText(), day.get("events").asLong(), bytes, tookMs,
            bytes / 1e6 / (tookMs / 1000.0), restored.get("fetched").asInt());
      }
    }
  }

  /** The bytes of the store's partition files on disk (hot, warm and the fetch cache aside). */
  private long localBytes() throws IOException {
    try (Stream<Path> files = Files.walk(data.resolve("partitions"))) {
      return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
    }
  }

  /** Ingests about {@code events} demo-fleet events spread over {@code day}; returns how many were sent. */
  static long ingestDay(TestServer server, LocalDate day, int events) {
    FleetSimulator fleet = new FleetSimulator(day.toEpochDay(), Instant.parse(day + "T00:00:00Z"), events / 86_400.0);
    long sent = 0;
    for (int hour = 0; hour < 24; hour++) {
      List<byte[]> lines = fleet.advanceBy(Duration.ofHours(1));
      for (int from = 0; from < lines.size(); from += LINES_PER_REQUEST) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] line : lines.subList(from, Math.min(lines.size(), from + LINES_PER_REQUEST))) {
          body.writeBytes(line);
          body.write('\n');
        }
        TestServer.Reply reply = server.post("/api/v1/ingest", body.toByteArray(), "Content-Type",
            "application/x-ndjson");
        if (reply.status() != 200) {
          throw new AssertionError("ingest answered " + reply.status() + ": " + reply.body());
        }
      }
      sent += lines.size();
    }
    return sent;
  }
}
