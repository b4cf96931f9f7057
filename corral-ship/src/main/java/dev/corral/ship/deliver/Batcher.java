package dev.corral.ship.deliver;

import dev.corral.ship.ShipRecord;
import dev.corral.ship.Source;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;

/**
 * Cuts the record queue into batches: a batch is closed when it holds {@code maxEvents} events, or
 * {@code maxBytes} bytes, or when its first event has waited {@code flushMillis}. Runs on one thread
 * ({@link #run()}); ends once the queue is closed and empty, after handing over the last batch and then
 * {@link #END}.
 */
final class Batcher implements Runnable {
  /** Handed over after the last batch: nothing more will come. */
  static final Batch END = Batch.acknowledged(List.of("{}"));
  /** How often an idle batcher looks whether the queue was closed. */
  private static final long IDLE_POLL_MILLIS = 100;
  private final RecordQueue records;
  private final BlockingQueue<Batch> batches;
  private final int maxEvents;
  private final long maxBytes;
  private final long flushMillis;

  Batcher(RecordQueue records, BlockingQueue<Batch> batches, int maxEvents, long maxBytes, long flushMillis) {
    this.records = records;
    this.batches = batches;
    this.maxEvents = maxEvents;
    this.maxBytes = maxBytes;
    this.flushMillis = flushMillis;
  }

  @Override
  public void run() {
    try {
      while (true) {
        ShipRecord first = records.poll(IDLE_POLL_MILLIS);
        if (first == null) {
          if (records.isClosed() && records.isEmpty()) {
            break;
          }
          continue;
        }
        batches.put(fill(first));
      }
      batches.put(END);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Batch fill(ShipRecord first) throws InterruptedException {
    List<String> events = new ArrayList<>(Math.min(maxEvents, 1024));
    Map<Source, Long> marks = new LinkedHashMap<>();
    long bytes = 0;
    long deadline = System.nanoTime() + flushMillis * 1_000_000;
    ShipRecord record = first;
    while (true) {
      events.add(record.json());
      marks.put(record.source(), record.offset());
      bytes += record.json().length() + 1;
      if (events.size() >= maxEvents || bytes >= maxBytes) {
        break;
      }
      long left = (deadline - System.nanoTime()) / 1_000_000;
      record = left <= 0 ? records.poll(0) : records.poll(left);
      if (record == null) {
        break;
      }
    }
    return new Batch(events, marks, bytes);
  }
}
