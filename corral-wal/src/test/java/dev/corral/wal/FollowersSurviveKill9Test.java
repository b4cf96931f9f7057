package dev.corral.wal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two durable consumers at different cursors survive kill -9 of the JVM: after a restart each
 * cursor is where it was persisted (never past a record its consumer was not handed), the WAL kept
 * every segment the slower one still needed, and following again delivers every acknowledged record
 * the consumer had not been handed — nothing acknowledged is lost to either (at least once).
 */
class FollowersSurviveKill9Test {
  /** Acks and records seen by the fast follower before the kill: enough to roll many segments. */
  private static final int ACKS_BEFORE_KILL = 400;
  private static final int FAST_BEFORE_KILL = 200;

  @TempDir Path dir;

  @Test
  void twoFollowersAtDifferentCursorsLoseNothingAcknowledgedAcrossKill9() throws Exception {
    Set<Long> acked = ConcurrentHashMap.newKeySet();
    Map<String, Set<Long>> handed = Map.of("fast", ConcurrentHashMap.newKeySet(), "slow", ConcurrentHashMap.newKeySet());
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), KilledFollowersProcess.class.getName(), dir.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    AtomicInteger fastCount = new AtomicInteger();
    AtomicReference<Throwable> readFailure = new AtomicReference<>();
    Thread reader = Thread.ofVirtual().start(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = lines.readLine()) != null; ) {
          String[] parts = line.split(" ");
          long position = Long.parseLong(parts[1]);
          if (parts[0].equals("ack")) {
            acked.add(position);
          } else {
            handed.get(parts[0]).add(position);
            if (parts[0].equals("fast")) {
              fastCount.incrementAndGet();
            }
          }
        }
      } catch (java.io.IOException | RuntimeException e) {
        readFailure.set(e); // the pipe ends with the child: anything else lost lines
      }
    });
    try {
      while (acked.size() < ACKS_BEFORE_KILL || fastCount.get() < FAST_BEFORE_KILL) {
        assertThat(child.isAlive()).as("child still running").isTrue();
        assertThat(readFailure.get()).as("reading the child's lines").isNull();
        Thread.sleep(5);
      }
    } finally {
      // SIGKILL through the process handle: Process.destroyForcibly() also closes our end of the pipe,
      // dropping lines the child wrote before it died that the reader had not read yet — a record
      // handed over and its cursor persisted, its line gone (the test's race, not the WAL's).
      child.toHandle().destroyForcibly();
      child.waitFor(60, TimeUnit.SECONDS);
      reader.join();
    }
    assertThat(readFailure.get()).as("every line the child wrote was read, up to the end of the pipe").isNull();

    try (WriteAheadLog<String> wal = WriteAheadLog.open(
        new WalConfig(dir, KilledFollowersProcess.SEGMENT_BYTES, 1000, 4096, WalRetention.NONE), (p, n, c) -> {})) {
      Map<String, Long> cursors = new java.util.HashMap<>();
      for (ConsumerLag consumer : wal.consumers()) {
        cursors.put(consumer.name(), consumer.cursor());
      }
      assertThat(cursors.keySet()).containsExactlyInAnyOrder("sink", "fast", "slow");
      long slow = cursors.get("slow");
      long fast = cursors.get("fast");
      assertThat(fast).as("the fast follower is ahead of the stuck one").isGreaterThan(slow);
      assertThat(wal.startPosition()).as("segments the slow follower needs are kept").isLessThanOrEqualTo(slow);
      assertThat(wal.startPosition()).as("segments both had passed were deleted").isPositive();

      Set<Long> inLog = new TreeSet<>();
      wal.replay(0, (position, next, payload) -> inLog.add(position));
      for (long position : acked) {
        if (position >= slow) {
          assertThat(inLog).as("acknowledged record at %d is in the log", position).contains(position);
        }
      }
      for (String name : new String[] {"fast", "slow"}) {
        long cursor = cursors.get(name);
        Received received = new Received();
        try (WalFollower follower = wal.follow(name, new FollowOptions(StartPoint.OLDEST, Duration.ZERO), received)) {
          Received.awaitProcessed(follower, wal.endPosition());
        }
        assertThat(received.missed).isEmpty();
        assertThat(received.positions).first().as("%s resumes at its cursor", name).isEqualTo(cursor);
        for (long position : acked) {
          if (position < cursor) {
            assertThat(handed.get(name)).as("%s: record %d before its cursor was handed to it", name, position)
                .contains(position);
          } else {
            assertThat(received.positions).as("%s: record %d after its cursor is delivered", name, position)
                .contains(position);
          }
        }
      }
    }
  }
}
