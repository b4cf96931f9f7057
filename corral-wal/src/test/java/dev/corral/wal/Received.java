package dev.corral.wal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A {@link RecordConsumer} that keeps what it got, for tests; waits by count, never by time. */
final class Received implements RecordConsumer {
  /** Only a guard against a hung test: the waits end as soon as the records are there. */
  private static final long GIVE_UP_SECONDS = 60;

  final List<Long> positions = new CopyOnWriteArrayList<>();
  final List<byte[]> payloads = new CopyOnWriteArrayList<>();
  final List<MissedRecords> missed = new CopyOnWriteArrayList<>();

  @Override
  public void accept(long position, long nextPosition, byte[] payload) {
    positions.add(position);
    payloads.add(payload);
  }

  @Override
  public void missed(MissedRecords gap) {
    missed.add(gap);
  }

  /** Waits until the follower has processed everything up to {@code position}. */
  static void awaitProcessed(WalFollower follower, long position) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GIVE_UP_SECONDS);
    while (follower.processedPosition() < position) {
      if (System.nanoTime() > deadline || follower.failure().isPresent()) {
        throw new AssertionError("follower " + follower.name() + " stuck at " + follower.processedPosition()
            + " before " + position + ", failure " + follower.failure());
      }
      new CountDownLatch(1).await(5, TimeUnit.MILLISECONDS);
    }
  }
}
