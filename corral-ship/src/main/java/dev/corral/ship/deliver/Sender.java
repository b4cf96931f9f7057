package dev.corral.ship.deliver;

import dev.corral.ship.Source;
import dev.corral.ship.spool.Spool;
import dev.corral.ship.spool.SpooledBatch;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender thread: takes batches from the batcher in order and delivers each one, then tells its sources.
 *
 * <ol>
 *   <li>While the spool holds batches, they go first, oldest first; a new batch meanwhile is appended to the
 *       spool behind them, so each source's events reach the server in order.
 *   <li>Otherwise a batch is sent and retried in memory ({@link Backoff}, or the server's {@code Retry-After})
 *       for up to {@code spoolAfter}; then what is left of it is written to the spool.
 *   <li>Once a batch is acknowledged by the server or fsync'd in the spool, each of its sources is told the
 *       highest offset it had in the batch ({@link Source#acknowledged(long)}), in batch order.
 *   <li>A 413 splits the part in halves (a single event over the limit is dropped, counted); another 4xx
 *       (not 401/403/429) drops the part, counted and logged: the same request would be refused again.
 *   <li>Stopping: from {@link #stopBy} on, waits end at the deadline; after it a batch is spooled at once
 *       instead of retried, and the spool is not drained. The thread ends at {@link Batcher#END}.
 * </ol>
 */
final class Sender implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(Sender.class);
  /** Even a server answering {@code Retry-After: 0} is not asked again in a busy loop. */
  private static final Duration MIN_RETRY_WAIT = Duration.ofMillis(100);
  private final BlockingQueue<Batch> batches;
  private final Output output;
  private final Spool spool;
  private final DeliveryStats stats;
  private final long spoolAfterNanos;
  private final Backoff backoff = new Backoff();
  private final Object stopSignal = new Object();
  private volatile long stopDeadline = Long.MAX_VALUE;
  private volatile boolean stopping;
  private long spoolRetryAt;
  private SpooledBatch draining;
  private Pending drainingParts;
  private long failingSince = -1;

  Sender(BlockingQueue<Batch> batches, Output output, Spool spool, DeliveryStats stats, Duration spoolAfter) {
    this.batches = batches;
    this.output = output;
    this.spool = spool;
    this.stats = stats;
    this.spoolAfterNanos = spoolAfter.toNanos();
  }

  /** From now on every wait ends by {@code deadlineNanos} ({@link System#nanoTime()}); then batches are spooled. */
  void stopBy(long deadlineNanos) {
    synchronized (stopSignal) {
      stopping = true;
      stopDeadline = deadlineNanos;
      stopSignal.notifyAll();
    }
  }

  @Override
  public void run() {
    try {
      while (true) {
        Batch batch;
        if (!spool.isEmpty() && !stopping) {
          long now = System.nanoTime();
          if (now - spoolRetryAt >= 0) {
            drainOne();
            continue;
          }
          batch = batches.poll(spoolRetryAt - now, TimeUnit.NANOSECONDS);
          if (batch == null) {
            continue;
          }
        } else {
          batch = batches.take();
        }
        if (batch == Batcher.END) {
          return;
        }
        if (!spool.isEmpty() && spoolRemaining(new Pending(batch.events(), batch.pipeline()), batch)) {
          continue;
        }
        deliver(batch);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      stats.failed("BUG: the sender stopped: " + e);
      LOG.atError().setCause(e).log("BUG: the sender stopped; nothing more is delivered, restart the shipper");
      throw e;
    }
  }

  private void deliver(Batch batch) throws InterruptedException {
    Pending pending = new Pending(batch.events(), batch.pipeline());
    long firstFailure = -1;
    while (true) {
      if (pastStopDeadline()) {
        if (!spoolRemaining(pending, batch)) {
          LOG.atError().addKeyValue("events", pending.remaining().size())
              .log("stopping: batch neither delivered nor spooled; its sources were not acknowledged and resend it");
        }
        return;
      }
      Duration wait = attempt(pending);
      if (wait == null) {
        acknowledge(batch.marks());
        return;
      }
      if (wait.isZero()) {
        continue;
      }
      long now = System.nanoTime();
      firstFailure = firstFailure < 0 ? now : firstFailure;
      if (now - firstFailure >= spoolAfterNanos && spoolRemaining(pending, batch)) {
        spoolRetryAt = now + wait.toNanos();
        return;
      }
      pause(wait);
    }
  }

  private void drainOne() throws InterruptedException {
    if (draining == null) {
      Optional<SpooledBatch> oldest = spool.oldest();
      if (oldest.isEmpty()) {
        return;
      }
      draining = oldest.get();
      drainingParts = new Pending(draining.events(), draining.pipeline());
    }
    Duration wait = attempt(drainingParts);
    if (wait == null) {
      spool.remove(draining);
      draining = null;
      drainingParts = null;
    } else if (!wait.isZero()) {
      spoolRetryAt = System.nanoTime() + wait.toNanos();
    }
  }

  /**
   * One request with the first part of {@code pending}: null when nothing is left, zero to go on at once,
   * otherwise how long to wait before the next attempt.
   */
  private Duration attempt(Pending pending) throws InterruptedException {
    List<String> part = pending.next();
    SendResult result = output.send(part, pending.pipeline());
    switch (result) {
      case SendResult.Delivered delivered -> {
        recovered();
        stats.sentEvents.addAndGet(delivered.accepted());
        stats.sentBatches.incrementAndGet();
        if (delivered.rejected() > 0) {
          stats.rejectedEvents.addAndGet(delivered.rejected());
          LOG.atWarn().addKeyValue("rejected", delivered.rejected()).addKeyValue("of", part.size())
              .addKeyValue("first", delivered.firstRejection()).log("the server rejected events of a batch");
        }
        if (!delivered.retry().isEmpty()) {
          pending.retryFirst(delivered.retry());
          stats.retries.incrementAndGet();
          return atLeastMinimum(delivered.retryAfter() != null ? delivered.retryAfter() : backoff.next());
        }
        backoff.reset();
        pending.settleNext();
      }
      case SendResult.TooLarge tooLarge -> {
        if (part.size() == 1) {
          drop(pending, part, tooLarge.reason() + " (a single event over the server's body limit)");
        } else {
          LOG.atInfo().addKeyValue("events", part.size()).log("the server found the batch too large; sending halves");
          pending.splitNext();
        }
      }
      case SendResult.Refused refused -> drop(pending, part, refused.reason());
      case SendResult.Retryable retryable -> {
        stats.retries.incrementAndGet();
        stats.failed(retryable.reason());
        failing(retryable.reason());
        return atLeastMinimum(retryable.retryAfter() != null ? retryable.retryAfter() : backoff.next());
      }
    }
    return pending.isDone() ? null : Duration.ZERO;
  }

  private void drop(Pending pending, List<String> part, String reason) {
    pending.settleNext();
    stats.droppedEvents.addAndGet(part.size());
    stats.droppedBatches.incrementAndGet();
    stats.failed(reason);
    LOG.atError().addKeyValue("events", part.size()).addKeyValue("error", reason)
        .log("batch refused by the server and dropped: sending it again would be refused the same way");
  }

  private void failing(String reason) {
    if (failingSince < 0) {
      failingSince = System.nanoTime();
      LOG.atWarn().addKeyValue("error", reason).log("output failing; retrying, then spooling to disk");
    } else {
      LOG.atDebug().addKeyValue("error", reason).log("output still failing");
    }
  }

  private void recovered() {
    if (failingSince >= 0) {
      LOG.atInfo().addKeyValue("after_ms", (System.nanoTime() - failingSince) / 1_000_000)
          .log("output accepting again");
      failingSince = -1;
    }
  }

  /** Writes what is left of {@code batch} to the spool and acknowledges its sources; false when it could not. */
  private boolean spoolRemaining(Pending pending, Batch batch) {
    List<String> rest = pending.remaining();
    try {
      if (spool.append(rest, pending.pipeline())) {
        stats.spooledBatches.incrementAndGet();
        stats.spooledEvents.addAndGet(rest.size());
        LOG.atDebug().addKeyValue("events", rest.size()).addKeyValue("spool_batches", spool.batches())
            .log("batch spooled");
      }
    } catch (IOException e) {
      stats.failed("spool write failed: " + e.getMessage());
      LOG.atError().addKeyValue("error", e.toString()).addKeyValue("events", rest.size())
          .log("could not write the batch to the spool; it stays in memory and is retried");
      return false;
    }
    acknowledge(batch.marks());
    return true;
  }

  private static void acknowledge(Map<Source, Long> marks) {
    marks.forEach((source, offset) -> guarded(source, offset, "record", () -> source.acknowledged(offset)));
    // after every source was told: sources of one input share one registry write
    marks.forEach((source, offset) -> guarded(source, offset, "persist", source::persist));
  }

  /** Runs a source's step; its failure is logged (the batch is delivered either way: at worst it is sent again). */
  private static void guarded(Source source, long offset, String step, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      LOG.atError().addKeyValue("source", source.id()).addKeyValue("offset", offset).addKeyValue("error", e.toString())
          .log("source failed to " + step + " its acknowledged offset");
    }
  }

  private boolean pastStopDeadline() {
    return stopping && System.nanoTime() - stopDeadline >= 0;
  }

  private void pause(Duration wait) throws InterruptedException {
    long until = System.nanoTime() + wait.toNanos();
    synchronized (stopSignal) {
      while (true) {
        long now = System.nanoTime();
        long end = stopping && stopDeadline - until < 0 ? stopDeadline : until;
        if (now - end >= 0) {
          return;
        }
        stopSignal.wait(Math.max(1, (end - now) / 1_000_000));
      }
    }
  }

  private static Duration atLeastMinimum(Duration wait) {
    return wait.compareTo(MIN_RETRY_WAIT) < 0 ? MIN_RETRY_WAIT : wait;
  }
}
