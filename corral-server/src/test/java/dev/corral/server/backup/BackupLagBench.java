package dev.corral.server.backup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.demo.FleetSimulator;
import dev.corral.server.TestServer;
import dev.corral.server.archive.S3TestServer;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures (asserts nothing about time): the raw backup's lag at full ingest rate. About a million
 * demo-fleet events are sent as fast as the server takes them (two senders, 5,000 lines a request)
 * to a server backing up to s3proxy on loopback; stats are sampled every 250 ms. Prints one
 * {@code backup-lag-bench} line: events, ingest seconds and rate, the most records/bytes/seconds the
 * backup trailed by, and how long it took to drain once ingest stopped. Not part of the build (the
 * name matches no surefire pattern); run it with
 * {@code ./mvnw -q -B -pl corral-server -am test -Dtest=BackupLagBench -Dsurefire.failIfNoSpecifiedTests=false}
 * (add {@code -Dbench.object_seconds=5s} to cut objects sooner than the default 60 s).
 */
class BackupLagBench {
  private static final int EVENTS = 1_000_000;
  private static final int LINES_PER_REQUEST = 5_000;
  private static final int SENDERS = 2;
  private static final Duration SPAN = Duration.ofHours(2);
  /** Generated a slice at a time, so the million lines are never all in memory. */
  private static final Duration STEP = Duration.ofMinutes(5);
  private static final long SAMPLE_MILLIS = 250;

  @TempDir Path data;
  @TempDir Path objects;

  @Test
  void lagAtFullIngestRate() throws Exception {
    String objectSeconds = System.getProperty("bench.object_seconds", "60s");
    try (S3TestServer s3 = S3TestServer.start(objects);
        TestServer server = TestServer.start(data, BackupTesting.settings(s3.endpoint(), "bench",
            Map.of("backup.object_seconds", objectSeconds, "store.compaction_max_bytes_per_sec", "0")))) {
      BlockingQueue<byte[]> bodies = new ArrayBlockingQueue<>(16);
      byte[] end = new byte[0];
      Thread producer = Thread.ofPlatform().start(() -> produce(bodies, end));
      AtomicLong maxRecords = new AtomicLong();
      AtomicLong maxBytes = new AtomicLong();
      AtomicLong maxLagMillis = new AtomicLong();
      Thread sampler = Thread.ofPlatform().daemon().start(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          JsonNode backup = BackupTesting.backupStats(server);
          maxRecords.accumulateAndGet(backup.get("lag_records").asLong(), Math::max);
          maxBytes.accumulateAndGet(backup.get("lag_bytes").asLong(), Math::max);
          maxLagMillis.accumulateAndGet((long) (backup.get("lag_seconds").asDouble() * 1000), Math::max);
          try {
            Thread.sleep(SAMPLE_MILLIS);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      long started = System.nanoTime();
      AtomicLong sent = new AtomicLong();
      Thread[] senders = new Thread[SENDERS];
      for (int i = 0; i < SENDERS; i++) {
        senders[i] = Thread.ofPlatform().start(() -> send(server, bodies, end, sent));
      }
      for (Thread sender : senders) {
        sender.join();
      }
      producer.join();
      double ingestSeconds = (System.nanoTime() - started) / 1e9;
      long drainStart = System.nanoTime();
      while (BackupTesting.backupStats(server).get("lag_records").asLong() > 0) {
        Thread.sleep(50);
      }
      double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
      sampler.interrupt();
      JsonNode backup = BackupTesting.backupStats(server);
      System.out.printf("backup-lag-bench events=%d ingest_s=%.1f events_per_s=%.0f object_seconds=%s max_lag_records=%d"
          + " max_lag_bytes=%d max_lag_s=%.1f drain_s=%.1f objects=%d uploaded_bytes=%d%n", sent.get(), ingestSeconds,
          sent.get() / ingestSeconds, objectSeconds, maxRecords.get(), maxBytes.get(), maxLagMillis.get() / 1000.0,
          drainSeconds, backup.get("objects").asLong(), backup.get("uploaded_bytes").asLong());
    }
  }

  private static void produce(BlockingQueue<byte[]> bodies, byte[] end) {
    try {
      FleetSimulator fleet = new FleetSimulator(42, Instant.now().minus(SPAN), EVENTS / (double) SPAN.toSeconds());
      for (Duration done = Duration.ZERO; done.compareTo(SPAN) < 0; done = done.plus(STEP)) {
        List<byte[]> lines = fleet.advanceBy(STEP);
        for (int from = 0; from < lines.size(); from += LINES_PER_REQUEST) {
          ByteArrayOutputStream body = new ByteArrayOutputStream();
          for (byte[] line : lines.subList(from, Math.min(lines.size(), from + LINES_PER_REQUEST))) {
            body.writeBytes(line);
            body.write('\n');
          }
          bodies.put(body.toByteArray());
        }
      }
      for (int i = 0; i < SENDERS; i++) {
        bodies.put(end);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void send(TestServer server, BlockingQueue<byte[]> bodies, byte[] end, AtomicLong sent) {
    try {
      for (byte[] body = bodies.take(); body != end; body = bodies.take()) {
        TestServer.Reply reply = server.post("/api/v1/ingest", body, "Content-Type", "application/x-ndjson");
        if (reply.status() != 200) {
          throw new AssertionError("ingest answered " + reply.status() + ": " + reply.body());
        }
        sent.addAndGet(reply.json().path("accepted").asLong(LINES_PER_REQUEST));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
