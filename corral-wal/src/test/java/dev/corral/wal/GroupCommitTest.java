package dev.corral.wal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitTest {
  private static final int THREADS = 16;
  private static final int RECORDS_PER_THREAD = 500;
  /** Generous bound on the wait for the other appenders to queue up; never reached normally. */
  private static final long QUEUE_WAIT_NANOS = 30_000_000_000L;

  @TempDir Path dir;

  @Test
  void concurrentAppendsShareFsyncs() throws Exception {
    List<Long> sinkPositions = new ArrayList<>();
    FirstRecordGate gate = new FirstRecordGate(THREADS);
    DurableSink<String> sink = (position, next, context) -> {
      sinkPositions.add(position); // writer thread only
      gate.durable(position, next, context);
    };
    // small segments so groups also cross segment boundaries
    WalConfig config = new WalConfig(dir, 64 << 10, 1024, 1 << 20);
    ConcurrentLinkedQueue<long[]> appended = new ConcurrentLinkedQueue<>();
    try (WriteAheadLog<String> wal = WriteAheadLog.open(config, sink)) {
      gate.wal = wal;
      Thread opener = Thread.ofVirtual().start(() -> append(wal, "opener"));
      gate.entered.await();
      try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          futures.add(threads.submit(() -> {
            for (int i = 0; i < RECORDS_PER_THREAD; i++) {
              long position = wal.append(payload(thread, i), "t" + thread);
              appended.add(new long[] {position, thread, i});
            }
            return null;
          }));
        }
        for (Future<?> future : futures) {
          future.get();
        }
      }
      opener.join();
      int total = THREADS * RECORDS_PER_THREAD;
      Set<Long> positions = new HashSet<>();
      for (long[] a : appended) {
        positions.add(a[0]);
      }
      assertThat(positions).hasSize(total).doesNotContain(0L);
      assertThat(sinkPositions).hasSize(total + 1).isSorted().doesNotHaveDuplicates();

      List<Replayed> replayed = Replayed.all(wal, 1);
      assertThat(replayed).extracting(Replayed::position).isSorted().containsExactlyInAnyOrderElementsOf(positions);
      Set<String> payloads = new HashSet<>();
      for (Replayed r : replayed) {
        payloads.add(new String(r.payload(), java.nio.charset.StandardCharsets.ISO_8859_1));
      }
      for (long[] a : appended) {
        assertThat(payloads).contains(new String(payload((int) a[1], (int) a[2]),
            java.nio.charset.StandardCharsets.ISO_8859_1));
      }
      assertThat(payloads).hasSize(total);
      WalStats stats = wal.stats();
      assertThat(stats.appends()).isEqualTo(total + 1);
      assertThat(stats.groupCommits()).isLessThan(stats.appends());
      assertThat(stats.segments()).isGreaterThan(1);
      System.out.println("concurrentAppendsShareFsyncs: " + stats);
    }
  }

  /** Distinct per (thread, i), varying length. */
  private static byte[] payload(int thread, int i) {
    ByteBuffer buffer = ByteBuffer.allocate(8 + (i % 97));
    buffer.putInt(thread).putInt(i);
    return buffer.array();
  }

  private static void append(WriteAheadLog<String> wal, String context) {
    try {
      wal.append(new byte[10], context);
    } catch (WalException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Holds the writer inside the sink callback of the first record until {@code expected}
   * appends wait in the queue, so the next group deterministically holds all of them.
   */
  private static final class FirstRecordGate implements DurableSink<String> {
    final CountDownLatch entered = new CountDownLatch(1);
    final int expected;
    volatile WriteAheadLog<String> wal;

    FirstRecordGate(int expected) {
      this.expected = expected;
    }

    @Override
    public void durable(long position, long nextPosition, String context) {
      if (entered.getCount() == 0) {
        return;
      }
      entered.countDown();
      long deadline = System.nanoTime() + QUEUE_WAIT_NANOS;
      while (wal.queuedAppends() < expected && System.nanoTime() < deadline) {
        Thread.onSpinWait();
        Thread.yield();
      }
    }
  }

  @Test
  void queuedAppendsAreCommittedWithOneFsync() throws Exception {
    WalConfig config = new WalConfig(dir, 1 << 20, 1024, 1 << 20);
    FirstRecordGate gate = new FirstRecordGate(THREADS - 1);
    try (WriteAheadLog<String> wal = WriteAheadLog.open(config, gate)) {
      gate.wal = wal;
      Thread opener = Thread.ofVirtual().start(() -> append(wal, "opener"));
      gate.entered.await();
      try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int t = 1; t < THREADS; t++) {
          threads.submit(() -> append(wal, null));
        }
      }
      opener.join();
      // the first append is committed alone, the 15 queued behind it together
      assertThat(wal.stats().appends()).isEqualTo(THREADS);
      assertThat(wal.stats().groupCommits()).isEqualTo(2);
    }
  }

  @Test
  void groupsAreCappedAtMaxGroupBytes() throws IOException {
    // one record bigger than the group buffer is written in several calls, fsynced once
    WalConfig config = new WalConfig(dir, 1 << 20, 10_000, 128);
    try (WriteAheadLog<String> wal = WriteAheadLog.open(config, (p, n, c) -> {})) {
      byte[] big = new byte[10_000];
      for (int i = 0; i < big.length; i++) {
        big[i] = (byte) i;
      }
      wal.append(big, null);
      assertThat(wal.stats().groupCommits()).isEqualTo(1);
      assertThat(Replayed.all(wal).getFirst().payload()).isEqualTo(big);
    }
  }
}
