package dev.corral.wal;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The child JVM of {@link FollowersSurviveKill9Test}: appends numbered records until it is killed,
 * while two followers read them — {@code fast} keeps up, {@code slow} stops for good after
 * {@link #SLOW_STOPS_AFTER} records, so their cursors differ. It prints, each line written to the
 * pipe before the step it reports counts as done: {@code ack <position>} once an append returned,
 * {@code <consumer> <position>} when a follower is handed a record (before it returns, so before
 * the cursor may pass it).
 */
final class KilledFollowersProcess {
  static final long SEGMENT_BYTES = 512;
  static final int SLOW_STOPS_AFTER = 30;

  private KilledFollowersProcess() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    WalConfig config = new WalConfig(Path.of(args[0]), SEGMENT_BYTES, 1000, 4096, WalRetention.NONE);
    WriteAheadLog<String> wal = WriteAheadLog.open(config, (p, n, c) -> {});
    FollowOptions everyPass = new FollowOptions(StartPoint.OLDEST, Duration.ZERO);
    wal.follow("fast", everyPass, (position, next, payload) -> print(out, "fast " + position));
    AtomicInteger slowSeen = new AtomicInteger();
    CountDownLatch never = new CountDownLatch(1);
    wal.follow("slow", everyPass, (position, next, payload) -> {
      if (slowSeen.incrementAndGet() > SLOW_STOPS_AFTER) {
        try {
          never.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new java.io.IOException("stopped");
      }
      print(out, "slow " + position);
    });
    for (long id = 0; ; id++) {
      byte[] payload = ByteBuffer.allocate(40).putLong(id).array();
      long position = wal.append(payload, null);
      print(out, "ack " + position);
      if (id % 50 == 0) {
        wal.enforceRetention();
      }
    }
  }

  private static synchronized void print(PrintStream out, String line) {
    out.println(line);
  }
}
