package dev.corral.wal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Simulates a crash at any byte of the last segment: cuts it, overwrites its tail with garbage
 * or zeros, and checks that reopening keeps exactly the records whose bytes are untouched.
 * Reproduce a failure with {@code -Dcorral.wal.seed=<seed>}.
 */
class TornTailRecoveryTest {
  private static final int ROUNDS = 60;

  @TempDir Path root;

  private record Written(long position, long nextPosition, byte[] payload) {}

  @Test
  void reopenKeepsEveryRecordWrittenBeforeTheCutAndNothingAfter() throws IOException {
    long seed = Long.getLong("corral.wal.seed", System.nanoTime());
    System.out.println("TornTailRecoveryTest seed=" + seed + " (-Dcorral.wal.seed=" + seed + ")");
    Random random = new Random(seed);
    for (int round = 0; round < ROUNDS; round++) {
      runRound(random, root.resolve("round-" + round), "seed=" + seed + " round=" + round);
    }
  }

  private void runRound(Random random, Path dir, String label) throws IOException {
    WalConfig config = new WalConfig(dir, 512 + random.nextInt(2048), 400, 4096);
    List<Written> written = new ArrayList<>();
    try (WriteAheadLog<String> wal = WriteAheadLog.open(config, (p, n, c) -> {})) {
      int count = 1 + random.nextInt(40);
      for (int i = 0; i < count; i++) {
        byte[] payload = new byte[random.nextInt(random.nextBoolean() ? 8 : 300)];
        random.nextBytes(payload);
        long position = wal.append(payload, null);
        written.add(new Written(position, wal.endPosition(), payload));
      }
    }
    List<SegmentFile> segments = SegmentFile.list(dir);
    SegmentFile last = segments.getLast();
    byte[] before = Files.readAllBytes(last.path());
    byte[] after = damage(before, random);
    Files.write(last.path(), after);

    List<Written> expected = new ArrayList<>();
    for (Written w : written) {
      if (w.position() < last.basePosition() || intact(last, w, before, after)) {
        expected.add(w);
      } else {
        break;
      }
    }
    long expectedEnd = expected.isEmpty() ? 0 : expected.getLast().nextPosition();
    expectedEnd = Math.max(expectedEnd, last.basePosition());

    try (WriteAheadLog<String> wal = WriteAheadLog.open(config, (p, n, c) -> {})) {
      List<Replayed> replayed = Replayed.all(wal);
      assertThat(replayed).as(label).hasSize(expected.size());
      for (int i = 0; i < expected.size(); i++) {
        assertThat(replayed.get(i).position()).as(label).isEqualTo(expected.get(i).position());
        assertThat(replayed.get(i).payload()).as(label).isEqualTo(expected.get(i).payload());
      }
      assertThat(wal.endPosition()).as(label).isEqualTo(expectedEnd);
      byte[] more = {1, 2, 3};
      assertThat(wal.append(more, null)).as(label).isEqualTo(expectedEnd);
      assertThat(Replayed.all(wal, expectedEnd)).as(label).singleElement()
          .satisfies(r -> assertThat(r.payload()).isEqualTo(more));
    }
  }

  /** True when every byte of {@code w} in the last segment survived the damage unchanged. */
  private static boolean intact(SegmentFile last, Written w, byte[] before, byte[] after) {
    int start = (int) last.fileOffset(w.position());
    int end = (int) last.fileOffset(w.nextPosition());
    return end <= after.length
        && Arrays.equals(before, start, end, after, start, end);
  }

  /** One of: cut, cut and zero-fill (a file extended before its data hit the disk), garbage. */
  private static byte[] damage(byte[] segment, Random random) {
    int cut = SegmentFile.HEADER_BYTES + random.nextInt(segment.length - SegmentFile.HEADER_BYTES + 1);
    byte[] damaged;
    switch (random.nextInt(3)) {
      case 0 -> damaged = Arrays.copyOf(segment, cut);
      case 1 -> damaged = Arrays.copyOf(segment, segment.length + random.nextInt(64));
      default -> damaged = segment.clone();
    }
    if (damaged.length > segment.length || random.nextBoolean()) {
      Arrays.fill(damaged, Math.min(cut, damaged.length), damaged.length, (byte) 0);
    } else {
      for (int i = cut; i < damaged.length; i++) {
        damaged[i] = (byte) random.nextInt(256);
      }
    }
    return damaged;
  }

  @Test
  void tornSegmentHeaderOfANewSegmentIsRewritten() throws IOException {
    Path dir = root.resolve("header");
    WalConfig config = new WalConfig(dir, 104, 1000, 4096);
    try (WriteAheadLog<String> wal = WriteAheadLog.open(config, (p, n, c) -> {})) {
      for (int i = 0; i < 3; i++) {
        wal.append(new byte[24], null);
      }
    }
    // crash while creating the next segment: its name is durable, its header is not
    Files.write(dir.resolve("00000000000000000096.wal"), new byte[] {'C', 'R', 0});
    try (WriteAheadLog<String> wal = WriteAheadLog.open(config, (p, n, c) -> {})) {
      assertThat(wal.endPosition()).isEqualTo(96);
      assertThat(wal.append(new byte[1], null)).isEqualTo(96);
      assertThat(Replayed.all(wal)).hasSize(4);
    }
  }
}
