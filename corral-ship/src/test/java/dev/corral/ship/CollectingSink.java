package dev.corral.ship;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;

/**
 * A delivery side for tests: keeps every record, and (when acking) acknowledges, from a thread of its own like the
 * real delivery side, the latest offset of each source after taking it. Optionally holds the reading thread on its
 * first record until released (back-pressure a test controls).
 */
public final class CollectingSink implements RecordSink, AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Long enough for a slow CI machine; a test failing on it reports what it had, never a timing claim. */
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private final boolean acking;
  private final List<ShipRecord> records = new ArrayList<>();
  private final Map<Source, Long> toAcknowledge = new LinkedHashMap<>();
  private final Thread acker;
  private CountDownLatch holdFirst;
  private volatile boolean closed;

  private CollectingSink(boolean acking) {
    this.acking = acking;
    this.acker = acking ? Thread.ofVirtual().name("test-acker").start(this::acknowledgeLoop) : null;
  }

  /** Acknowledges everything it takes. */
  public static CollectingSink acking() {
    return new CollectingSink(true);
  }

  /** Acknowledges nothing by itself (the test acknowledges what it chooses). */
  public static CollectingSink keeping() {
    return new CollectingSink(false);
  }

  /** Blocks the first accept until {@link #release()}. */
  public CollectingSink holdingFirst() {
    holdFirst = new CountDownLatch(1);
    return this;
  }

  public void release() {
    holdFirst.countDown();
  }

  @Override
  public void accept(ShipRecord record) throws InterruptedException {
    if (record.json().contains("\n") || record.json().contains("\r")) {
      throw new AssertionError("a record holds a line break: " + record.json());
    }
    synchronized (this) {
      records.add(record);
      if (acking) {
        toAcknowledge.put(record.source(), record.offset());
      }
      notifyAll();
    }
    if (holdFirst != null && records.size() == 1) {
      holdFirst.await();
    }
  }

  public synchronized List<ShipRecord> records() {
    return List.copyOf(records);
  }

  public synchronized int size() {
    return records.size();
  }

  /** The records' decoded JSON objects. */
  public List<JsonNode> events() {
    return records().stream().map(record -> parse(record.json())).toList();
  }

  /** The {@code message} of each record, in arrival order. */
  public List<String> messages() {
    return events().stream().map(event -> event.path("message").asText()).toList();
  }

  /** Waits until at least {@code count} records arrived; fails naming what arrived otherwise. */
  public List<ShipRecord> awaitCount(int count) throws InterruptedException {
    return await(list -> list.size() >= count, "at least " + count + " records");
  }

  /** Waits until the records satisfy {@code condition}. */
  public synchronized List<ShipRecord> await(Predicate<List<ShipRecord>> condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.test(records)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("waited for " + what + "; got " + records.size() + " records, the last: "
            + (records.isEmpty() ? "none" : records.getLast().json()));
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return List.copyOf(records);
  }

  /** Waits until the acknowledger has passed on everything taken so far. */
  public synchronized void awaitAcknowledged() throws InterruptedException {
    while (!toAcknowledge.isEmpty()) {
      wait(10);
    }
  }

  public static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException("a record is not JSON: " + json, e);
    }
  }

  private void acknowledgeLoop() {
    while (!closed) {
      Map<Source, Long> batch;
      synchronized (this) {
        while (toAcknowledge.isEmpty() && !closed) {
          try {
            wait(50);
          } catch (InterruptedException e) {
            return;
          }
        }
        batch = new LinkedHashMap<>(toAcknowledge);
      }
      batch.forEach(Source::acknowledged);
      synchronized (this) {
        batch.forEach((source, offset) -> toAcknowledge.remove(source, offset));
        notifyAll();
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    if (acker != null) {
      acker.interrupt();
    }
  }

  /** Polls {@code condition} until it holds (a state, not a time); fails after the patience. */
  public static void eventually(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited for " + what);
      }
      Thread.sleep(10);
    }
  }
}
