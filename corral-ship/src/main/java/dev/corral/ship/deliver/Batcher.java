package dev.corral.ship.deliver;

import dev.corral.ship.ShipRecord;
import dev.corral.ship.Source;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;

/**
 * Cuts the record queue into batches, one open batch per server pipeline (the server selects a pipeline per
 * request): a batch is closed when it holds {@code maxEvents} events, or {@code maxBytes} bytes, or when its
 * first event has waited {@code flushMillis}. A source belongs to one input and so to one pipeline, so its
 * records stay in order across batches. Runs on one thread ({@link #run()}); ends once the queue is closed and
 * empty, after handing over the last batches and then {@link #END}.
 */
final class Batcher implements Runnable {
  /** Handed over after the last batch: nothing more will come. */
  static final Batch END = Batch.acknowledged(List.of("{}"), null);
  /** How often an idle batcher looks whether the queue was closed. */
  private static final long IDLE_POLL_MILLIS = 100;
  /** The map key of records that name no pipeline (a pipeline name is never blank). */
  private static final String NO_PIPELINE = "";
  private final RecordQueue records;
  private final BlockingQueue<Batch> batches;
  private final int maxEvents;
  private final long maxBytes;
  private final long flushNanos;
  private final Map<String, Open> open = new LinkedHashMap<>();

  Batcher(RecordQueue records, BlockingQueue<Batch> batches, int maxEvents, long maxBytes, long flushMillis) {
    this.records = records;
    this.batches = batches;
    this.maxEvents = maxEvents;
    this.maxBytes = maxBytes;
    this.flushNanos = flushMillis * 1_000_000;
  }

  /** A batch being filled. */
  private static final class Open {
    final List<String> events = new ArrayList<>();
    final Map<Source, Long> marks = new HashMap<>();
    final List<Source> order = new ArrayList<>();
    final long deadline;
    long bytes;

    Open(long deadline) {
      this.deadline = deadline;
    }

    Batch close(String pipeline) {
      Map<Source, Long> inOrder = new LinkedHashMap<>();
      for (Source source : order) {
        inOrder.put(source, marks.get(source));
      }
      return new Batch(events, inOrder, bytes, pipeline.equals(NO_PIPELINE) ? null : pipeline);
    }
  }

  @Override
  public void run() {
    try {
      while (true) {
        ShipRecord record = records.poll(waitMillis());
        if (record != null) {
          add(record);
        } else if (records.isClosed() && records.isEmpty()) {
          break;
        }
        closeDue(System.nanoTime(), false);
      }
      closeDue(System.nanoTime(), true);
      batches.put(END);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private long waitMillis() {
    if (open.isEmpty()) {
      return IDLE_POLL_MILLIS;
    }
    long earliest = Long.MAX_VALUE;
    for (Open batch : open.values()) {
      earliest = Math.min(earliest, batch.deadline);
    }
    return Math.max(0, (earliest - System.nanoTime()) / 1_000_000);
  }

  private void add(ShipRecord record) throws InterruptedException {
    String key = record.pipeline() == null ? NO_PIPELINE : record.pipeline();
    Open batch = open.computeIfAbsent(key, unused -> new Open(System.nanoTime() + flushNanos));
    batch.events.add(record.json());
    if (batch.marks.put(record.source(), record.offset()) == null) {
      batch.order.add(record.source());
    }
    batch.bytes += record.json().length() + 1;
    if (batch.events.size() >= maxEvents || batch.bytes >= maxBytes) {
      open.remove(key);
      batches.put(batch.close(key));
    }
  }

  private void closeDue(long now, boolean all) throws InterruptedException {
    for (Iterator<Map.Entry<String, Open>> it = open.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Open> entry = it.next();
      if (all || now - entry.getValue().deadline >= 0) {
        it.remove();
        batches.put(entry.getValue().close(entry.getKey()));
      }
    }
  }
}
