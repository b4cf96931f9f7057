package dev.corral.server.alerts.notify;

import dev.corral.server.alerts.Notification;
import dev.corral.server.config.AlertChannelsSection;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one channel's notifications, on its own virtual thread, in the order they were queued.
 *
 * <ol>
 *   <li>{@link #offer} puts a notification in the channel's bounded queue and returns at once; a full queue
 *       drops it (counted, logged at the first drop and at every power of ten).
 *   <li>The thread takes notifications from the queue into a held list. Whenever the held list is not empty
 *       and the rate limit (at most {@code maxPerMinute} messages per minute, as a bucket refilled evenly) lets
 *       one message go, the held list goes as one message: the notification itself when it holds one, a
 *       {@linkplain NotificationGroup#summary summary} of all of them when the limit held several back.
 *   <li>A message is attempted up to {@code 1 + retries} times, waiting {@code backoff}, then twice that, ...
 *       (at most {@link #MAX_BACKOFF}) between attempts, only while the failure is worth retrying
 *       ({@link AttemptResult#retryable()}). Every attempt goes to the delivery log.
 * </ol>
 *
 * A test notification ({@link #test}) skips the rate limit but keeps the queue's order. A slow receiver holds
 * only its own channel's thread: other channels keep delivering. Thread-safe.
 */
final class ChannelWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChannelWorker.class);
  /** However many retries are configured, waiting longer than this between two only delays the page. */
  static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

  private final ChannelConfig channel;
  private final Transport transport;
  private final AlertChannelsSection policy;
  private final ChannelHistory history;
  private final BlockingQueue<Queued> queue;
  private final Bucket budget;
  private final AtomicLong dropped = new AtomicLong();
  private final Thread thread;

  /** A queued notification; {@code result} completes with its final log entry for a test notification. */
  private record Queued(Notification notification, CompletableFuture<DeliveryAttempt> result) {}

  ChannelWorker(ChannelConfig channel, Transport transport, AlertChannelsSection policy, ChannelHistory history) {
    this.channel = channel;
    this.transport = transport;
    this.policy = policy;
    this.history = history;
    this.queue = new ArrayBlockingQueue<>(policy.queueCapacity());
    this.budget = Bucket.builder().addLimit(limit -> limit.capacity(policy.maxPerMinute())
        .refillGreedy(policy.maxPerMinute(), Duration.ofMinutes(1))).build();
    this.thread = Thread.ofVirtual().name("alert-channel-" + channel.name()).unstarted(this::run);
  }

  /** Starts the delivery thread. */
  ChannelWorker start() {
    thread.start();
    return this;
  }

  ChannelConfig channel() {
    return channel;
  }

  ChannelHistory history() {
    return history;
  }

  /** Notifications waiting in the queue now. */
  int queued() {
    return queue.size();
  }

  /** Queues {@code notification}; never blocks. Returns false (and records the drop) when the queue is full. */
  boolean offer(Notification notification) {
    return enqueue(new Queued(notification, null));
  }

  /** Queues a test notification; the future completes with its final log entry (delivered or failed). */
  CompletableFuture<DeliveryAttempt> test(Notification notification) {
    CompletableFuture<DeliveryAttempt> result = new CompletableFuture<>();
    enqueue(new Queued(notification, result));
    return result;
  }

  private boolean enqueue(Queued queued) {
    if (queue.offer(queued)) {
      return true;
    }
    long drops = dropped.incrementAndGet();
    DeliveryAttempt entry = new DeliveryAttempt(Instant.now(), queued.notification().rule(),
        queued.notification().test(), 0, "dropped", 0, "queue full (" + policy.queueCapacity()
        + " notifications waiting; alerts.notify_queue)", 0, queued.notification().alerts().size());
    history.record(entry);
    if (queued.result() != null) {
      queued.result().complete(entry);
    }
    if (Long.bitCount(drops) == 1 || isPowerOfTen(drops)) {
      LOG.atWarn().addKeyValue("channel", channel.name()).addKeyValue("rule", queued.notification().rule())
          .addKeyValue("dropped_total", drops).addKeyValue("queue", policy.queueCapacity())
          .log("alert channel queue full; notification dropped");
    }
    return false;
  }

  private static boolean isPowerOfTen(long n) {
    while (n >= 10 && n % 10 == 0) {
      n /= 10;
    }
    return n == 1;
  }

  /** Notifications dropped because the queue was full. */
  long dropped() {
    return dropped.get();
  }

  private void run() {
    List<Notification> held = new ArrayList<>();
    long waitNanos = 0;
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Queued next = null;
        if (held.size() < policy.queueCapacity()) {
          next = held.isEmpty() ? queue.take() : queue.poll(waitNanos, TimeUnit.NANOSECONDS);
        } else {
          TimeUnit.NANOSECONDS.sleep(waitNanos);
        }
        if (next != null && next.result() != null) {
          next.result().complete(deliver(next.notification()));
          continue;
        }
        if (next != null) {
          held.add(next.notification());
        }
        if (held.isEmpty()) {
          continue;
        }
        ConsumptionProbe probe = budget.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
          waitNanos = Math.max(probe.getNanosToWaitForRefill(), 1);
          continue;
        }
        waitNanos = 0;
        deliver(held.size() == 1 ? held.getFirst() : grouped(held));
        held.clear();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // stopped: what is still queued or held is not sent
    }
  }

  private Notification grouped(List<Notification> held) {
    Instant now = Instant.now();
    for (Notification notification : held) {
      history.record(new DeliveryAttempt(now, notification.rule(), notification.test(), 0, "grouped", 0, "", 0,
          notification.alerts().size()));
    }
    LOG.atInfo().addKeyValue("channel", channel.name()).addKeyValue("notifications", held.size())
        .addKeyValue("max_per_minute", policy.maxPerMinute()).log("alert channel rate limited; sending one summary");
    return NotificationGroup.summary(channel.name(), held);
  }

  /** Attempts {@code notification} until delivered, refused for good or out of retries; returns the last entry. */
  private DeliveryAttempt deliver(Notification notification) throws InterruptedException {
    Duration backoff = policy.backoff();
    for (int attempt = 1; ; attempt++) {
      long started = System.nanoTime();
      AttemptResult result = transport.send(notification);
      long latency = (System.nanoTime() - started) / 1_000_000;
      boolean retry = !result.delivered() && result.retryable() && attempt <= policy.retries();
      String outcome = result.delivered() ? "delivered" : retry ? "retrying" : "failed";
      DeliveryAttempt entry = new DeliveryAttempt(Instant.now(), notification.rule(), notification.test(), attempt,
          outcome, result.status(), result.error(), latency, notification.alerts().size());
      history.record(entry);
      if (!result.delivered()) {
        LOG.atWarn().addKeyValue("channel", channel.name()).addKeyValue("rule", notification.rule())
            .addKeyValue("attempt", attempt).addKeyValue("outcome", outcome).addKeyValue("status", result.status())
            .addKeyValue("error", result.error()).log("alert notification not delivered");
      }
      if (!retry) {
        return entry;
      }
      Thread.sleep(backoff);
      backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
    }
  }

  /**
   * Stops the delivery thread (an attempt in flight is abandoned) and returns what was still queued, so a
   * reloaded channel of the same name can take it over.
   */
  List<Notification> stop() {
    thread.interrupt();
    List<Queued> left = new ArrayList<>();
    queue.drainTo(left);
    List<Notification> notifications = new ArrayList<>();
    for (Queued queued : left) {
      if (queued.result() != null) {
        queued.result().cancel(false);
      } else {
        notifications.add(queued.notification());
      }
    }
    return notifications;
  }

  @Override
  public void close() {
    stop();
  }
}
