package dev.corral.ship.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.ship.RecordSink;
import dev.corral.ship.RunningInput;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Catching up on one big file: the reading side alone (discovery, reading, line splitting, decoding, static fields,
 * records handed to a sink that counts them and acknowledges every 10,000th). 20 MB in {@code ./mvnw verify};
 * 1 GB with {@code -Dcorral.perf=true} (or {@code -Dcorral.ship.catchup.mb=N}). Prints lines/s by the wall clock
 * and per CPU-second of the reading thread.
 */
class CatchUpThroughputTest extends FilesInputFixture {
  private static final long MEGABYTES = Long.getLong("corral.ship.catchup.mb", Boolean.getBoolean("corral.perf") ? 1024 : 20);

  @ParameterizedTest(name = "{0} lines")
  @ValueSource(strings = {"plain", "json"})
  void aBigFileIsReadToItsEndOnceEveryLineExactlyOnce(String kind) throws Exception {
    Path file = logs().resolve("big.log");
    long lines = write(file, kind, MEGABYTES << 20);
    AtomicLong count = new AtomicLong();
    AtomicLong lastOffset = new AtomicLong();
    Object done = new Object();
    RecordSink counting = record -> {
      long n = count.incrementAndGet();
      if (n % 10_000 == 0) {
        record.source().acknowledged(record.offset());
      }
      lastOffset.set(record.offset());
      if (n == lines) {
        synchronized (done) {
          done.notifyAll();
        }
      }
    };
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long start = System.nanoTime();
    RunningInput running = RunningInput.startOnPlatformThread(input(""), counting);
    long cpuStart = threads.getThreadCpuTime(running.thread().threadId());
    synchronized (done) {
      while (count.get() < lines) {
        done.wait(1000);
        assertThat(running.thread().isAlive()).as("the input runs").isTrue();
      }
    }
    long wall = System.nanoTime() - start;
    long cpu = threads.getThreadCpuTime(running.thread().threadId()) - cpuStart;
    running.close();
    assertThat(count.get()).isEqualTo(lines);
    assertThat(lastOffset.get()).isEqualTo(Files.size(file));
    System.out.printf("catch-up %s: %d MB, %d lines in %.2f s wall = %.0f lines/s; reading thread CPU %.2f s = %.0f lines per CPU-second%n",
        kind, MEGABYTES, lines, wall / 1e9, lines / (wall / 1e9), cpu / 1e9, lines / (cpu / 1e9));
  }

  private static long write(Path file, String kind, long bytes) throws Exception {
    long lines = 0;
    long written = 0;
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      while (written < bytes) {
        String line = kind.equals("json")
            ? "{\"ts\":\"2026-01-01T00:00:00." + (lines % 1000) + "Z\",\"level\":\"info\",\"logger\":\"dev.corral.shop.Checkout\",\"msg\":\"order "
                + lines + " paid in " + (lines % 97) + " ms\",\"user_id\":" + (lines % 5000) + "}"
            : "2026-01-01T00:00:00." + (lines % 1000) + "Z INFO [http-nio-8080-exec-7] dev.corral.shop.Checkout - order "
                + lines + " paid in " + (lines % 97) + " ms by user " + (lines % 5000);
        out.write(line);
        out.write('\n');
        written += line.length() + 1;
        lines++;
      }
    }
    return lines;
  }
}
