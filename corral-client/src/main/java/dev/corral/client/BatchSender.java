package dev.corral.client;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The sender thread's work: take batches from the {@link EventQueue}, post them, retry, spill, report drops.
 *
 * <ol>
 *   <li>A batch is up to {@code batchSize} events (and {@link ClientConfig#MAX_BATCH_CHARS}); the sender waits up
 *       to {@code flushInterval} for one to fill, and is woken early when the queue reaches a batch.</li>
 *   <li>Corral unreachable, 429, 503, 507, other 5xx: the batch is held and retried after the {@link Backoff}
 *       (or the server's {@code Retry-After}); meanwhile the queue fills and drops by its policy. With a spill
 *       directory the held batch and the queue go to disk instead, until the directory is full.</li>
 *   <li>Once Corral answers again: spilled batches first (oldest first), then the queue; and after the first
 *       success a WARN event reports the drops since the last report, by level.</li>
 *   <li>Any other 4xx refuses the batch for good: its events are counted as rejected.</li>
 *   <li>{@link #close(Duration)}: the queue is sent without waiting for batches to fill; while Corral is down
 *       the queue is spilled (with a spill directory) or retried until the limit. What is still unsent when the
 *       sender stops (the limit passed, the spill full) is counted as dropped, by level.</li>
 * </ol>
 * The counters are written by this thread only and read by anyone ({@link CorralClient#stats()}).
 */
final class BatchSender implements Runnable {
  /** The sender thread's name. */
  static final String THREAD_NAME = "corral-client-sender";
  /** Logger name of the drop report event. */
  static final String REPORT_LOGGER = "dev.corral.client";
  /** After the shutdown limit the sender is interrupted; this long more for it to count what it leaves. */
  private static final Duration INTERRUPT_GRACE = Duration.ofSeconds(2);
  private final ClientConfig config;
  private final Origin origin;
  private final EventQueue queue;
  private final IngestEndpoint endpoint;
  private final SpillDirectory spill;
  private final Consumer<String> diagnostics;
  private final Backoff backoff = new Backoff();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final List<LogEvent> carried = new ArrayList<>();
  private final Map<String, Long> reportedDrops = new LinkedHashMap<>();
  final AtomicLong delivered = new AtomicLong();
  final AtomicLong rejected = new AtomicLong();
  final AtomicLong spilled = new AtomicLong();
  final AtomicLong unspilled = new AtomicLong();
  final AtomicLong inFlight = new AtomicLong();
  final AtomicLong reports = new AtomicLong();
  private volatile boolean closing;
  private final Thread thread;
  private OutgoingBatch held;
  private long retryAtNanos;

  BatchSender(ClientConfig config, Origin origin, EventQueue queue, Consumer<String> diagnostics) {
    this.config = config;
    this.origin = origin;
    this.queue = queue;
    this.endpoint = new IngestEndpoint(config.ingestUri(), config.apiKey());
    this.spill = config.spillDirectory() == null ? null
        : new SpillDirectory(config.spillDirectory(), config.spillMaxBytes());
    this.diagnostics = diagnostics;
    this.thread = new Thread(this, THREAD_NAME);
    thread.setDaemon(true);
    queue.consumer(thread);
  }

  /** Starts the sender thread (a daemon: an application that exits without closing its logging is not held up). */
  void start() {
    thread.start();
  }

  @Override
  public void run() {
    try {
      sendUntilClosed();
    } catch (InterruptedException e) {
      diagnostics.accept("corral-client: the shutdown limit of " + config.shutdownTimeout()
          + " passed before everything was sent; the rest is counted as dropped");
    } catch (RuntimeException | Error e) {
      diagnostics.accept("BUG: corral-client's sender stopped: " + e);
      throw e;
    } finally {
      dropWhatIsLeft();
      finished.countDown();
    }
  }

  /** Asks the sender to deliver what is queued and stop; waits up to {@code limit} for it. */
  void close(Duration limit) throws InterruptedException {
    closing = true;
    Thread running = thread;
    LockSupport.unpark(running);
    if (!finished.await(limit.toNanos(), TimeUnit.NANOSECONDS)) {
      running.interrupt();
      if (!finished.await(INTERRUPT_GRACE.toNanos(), TimeUnit.NANOSECONDS)) {
        diagnostics.accept("corral-client: the sender did not stop within " + limit.plus(INTERRUPT_GRACE));
      }
    }
  }

  boolean closing() {
    return closing;
  }

  private void sendUntilClosed() throws InterruptedException {
    while (true) {
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      long wait = retryAtNanos - System.nanoTime();
      if (backoff.failing() && wait > 0) {
        if (spill != null && spillQueued() && closing) {
          return;
        }
        LockSupport.parkNanos(this, Math.min(wait, config.flushInterval().toNanos()));
      } else if (held != null) {
        attempt(held);
      } else if (closing) {
        // the queue first (it is what the application logged last), then what waits on disk, then stop
        if (!nextBatchNow()) {
          if (spill == null || spill.isEmpty()) {
            return;
          }
          attemptSpilled();
        }
      } else if (spill != null && !spill.isEmpty()) {
        attemptSpilled();
      } else {
        awaitBatch();
        nextBatchNow();
      }
    }
  }

  /** Waits up to the flush interval for a batch to fill (the queue wakes this thread when one has). */
  private void awaitBatch() {
    if (carried.isEmpty() && queue.size() < config.batchSize()) {
      LockSupport.parkNanos(this, config.flushInterval().toNanos());
    }
  }

  /** Takes the next batch from what is queued now into {@link #held}; false when nothing is queued. */
  private boolean nextBatchNow() {
    queue.drainTo(carried, config.batchSize() - carried.size());
    if (carried.isEmpty()) {
      return false;
    }
    held = OutgoingBatch.take(carried, ClientConfig.MAX_BATCH_CHARS);
    inFlight.set(held.size());
    return true;
  }

  private void attempt(OutgoingBatch batch) throws InterruptedException {
    PostOutcome outcome = endpoint.post(batch.body(), batch.size());
    if (outcome.kind() == PostOutcome.Kind.RETRY) {
      failed(outcome);
      if (spill != null) {
        spillHeld();
      }
      return;
    }
    delivered.addAndGet(outcome.accepted());
    rejected.addAndGet(outcome.rejected());
    held = null;
    inFlight.set(0);
    answered(outcome);
  }

  private void attemptSpilled() throws InterruptedException {
    SpillDirectory.Batch batch;
    try {
      batch = spill.oldest();
    } catch (IOException e) {
      diagnostics.accept("corral-client: cannot read the spill directory " + config.spillDirectory() + ": " + e);
      retryAtNanos = System.nanoTime() + backoff.next(null).toNanos();
      return;
    }
    PostOutcome outcome = endpoint.post(batch.body(), batch.events());
    if (outcome.kind() == PostOutcome.Kind.RETRY) {
      failed(outcome);
      return;
    }
    try {
      spill.remove(batch);
    } catch (IOException e) {
      diagnostics.accept("corral-client: cannot delete the sent spill file " + batch.file() + ": " + e);
    }
    unspilled.addAndGet(batch.events());
    delivered.addAndGet(outcome.accepted());
    rejected.addAndGet(outcome.rejected());
    answered(outcome);
  }

  /** Corral answered (stored or refused): it is reachable, so the drops since the last report are reported. */
  private void answered(PostOutcome outcome) throws InterruptedException {
    if (outcome.kind() == PostOutcome.Kind.REFUSED || outcome.rejected() > 0) {
      diagnostics.accept("corral-client: Corral refused " + outcome.rejected() + " events for good: " + outcome.reason());
    }
    if (backoff.failing()) {
      diagnostics.accept("corral-client: Corral at " + config.url() + " answers again");
      backoff.reset();
    }
    reportDrops();
  }

  private void failed(PostOutcome outcome) {
    if (!backoff.failing()) {
      diagnostics.accept("corral-client: cannot deliver, will retry: " + outcome.reason());
    }
    retryAtNanos = System.nanoTime() + backoff.next(outcome.retryAfter()).toNanos();
  }

  /** Sends one WARN event with the drops since the last report, if there were any. */
  private void reportDrops() throws InterruptedException {
    Map<String, Long> now = queue.drops().byLevel();
    Map<String, Object> fields = new LinkedHashMap<>();
    long total = 0;
    StringBuilder byLevel = new StringBuilder();
    for (Map.Entry<String, Long> level : now.entrySet()) {
      long since = level.getValue() - reportedDrops.getOrDefault(level.getKey(), 0L);
      if (since > 0) {
        total += since;
        byLevel.append(byLevel.length() == 0 ? "" : ", ").append(level.getKey()).append('=').append(since);
        fields.put("corral_client.dropped_" + level.getKey().toLowerCase(java.util.Locale.ROOT), since);
      }
    }
    if (total == 0) {
      return;
    }
    fields.put("corral_client.dropped", total);
    String message = "corral-client dropped " + total + " events (" + byLevel + ") while Corral was unreachable"
        + " or slower than the application";
    LogEvent report = new LogEvent(Instant.now(), "WARN", origin, REPORT_LOGGER, Thread.currentThread().getName(),
        message, null, fields);
    List<LogEvent> one = new ArrayList<>(List.of(report));
    PostOutcome outcome = endpoint.post(OutgoingBatch.take(one, ClientConfig.MAX_BATCH_CHARS).body(), 1);
    if (outcome.kind() == PostOutcome.Kind.DELIVERED) {
      reportedDrops.putAll(now);
      reports.incrementAndGet();
    }
  }

  /** Moves {@link #held} to the spill directory if it fits. */
  private void spillHeld() {
    if (held != null && writeSpill(held)) {
      held = null;
      inFlight.set(0);
    }
  }

  /**
   * While Corral is down: moves the held batch and what is queued now to disk, until the directory is full.
   *
   * @return true when nothing is left in memory
   */
  private boolean spillQueued() {
    spillHeld();
    int rounds = config.queueSize() / config.batchSize() + 1;
    while (held == null && rounds-- > 0 && nextBatchNow()) {
      spillHeld();
    }
    return held == null && carried.isEmpty() && queue.size() == 0;
  }

  private boolean writeSpill(OutgoingBatch batch) {
    try {
      if (spill.write(batch.body(), batch.size())) {
        spilled.addAndGet(batch.size());
        return true;
      }
    } catch (IOException e) {
      diagnostics.accept("corral-client: cannot write to the spill directory " + config.spillDirectory() + ": " + e);
    }
    return false;
  }

  /**
   * The sender stops and nobody else will send what is still in memory: it goes to the spill directory while
   * that has room, the rest is counted as dropped under its level.
   */
  private synchronized void dropWhatIsLeft() {
    Thread.interrupted(); // the shutdown limit's interrupt is handled; file writes below must not see it
    List<LogEvent> rest = new ArrayList<>(carried);
    carried.clear();
    if (held != null && (spill == null || !writeSpill(held))) {
      rest.addAll(held.events());
    }
    held = null;
    while (queue.drainTo(rest, config.batchSize()) > 0 || !rest.isEmpty()) {
      List<LogEvent> dropped = rest;
      if (spill != null) {
        OutgoingBatch batch = OutgoingBatch.take(rest, ClientConfig.MAX_BATCH_CHARS);
        dropped = writeSpill(batch) ? List.of() : batch.events();
      }
      dropped.forEach(event -> queue.drops().count(event.level()));
      if (dropped == rest) {
        rest.clear();
      }
    }
    inFlight.set(0);
  }
}
