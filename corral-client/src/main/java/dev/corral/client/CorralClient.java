package dev.corral.client;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * A connection to Corral for one appender: {@link #offer} events from any thread, never blocking; a daemon
 * thread {@code corral-client-sender} delivers them (see {@link BatchSender} for the rules); {@link #close()}
 * delivers what is queued within the configured shutdown limit and stops.
 *
 * <p>Thread-safe. An event offered after {@link #close()} has begun is counted as dropped.
 */
public final class CorralClient implements AutoCloseable {
  private final ClientConfig config;
  private final EventQueue queue;
  private final BatchSender sender;
  private final java.util.concurrent.atomic.LongAdder logged = new java.util.concurrent.atomic.LongAdder();

  private CorralClient(ClientConfig config, Origin origin, Consumer<String> diagnostics) {
    this.config = config;
    this.queue = new EventQueue(config.queueSize(), config.dropPolicy(), config.batchSize());
    this.sender = new BatchSender(config, origin, queue, diagnostics);
  }

  /**
   * Starts a client and its sender thread.
   *
   * @param origin the static fields of the drop report events (the appender's own events carry theirs)
   * @param diagnostics where the client says what goes wrong (Corral unreachable, a refused batch): the logging
   *     framework's own status channel, never a logger that would feed events back into this client
   */
  public static CorralClient start(ClientConfig config, Origin origin, Consumer<String> diagnostics) {
    CorralClient client = new CorralClient(config, origin, diagnostics);
    client.sender.start();
    return client;
  }

  /**
   * Hands {@code event} to the sender, or drops it by the policy when the queue is full. Never blocks.
   *
   * @return false when {@code event} was dropped
   */
  public boolean offer(LogEvent event) {
    logged.increment();
    if (sender.closing()) {
      queue.drops().count(event.level());
      return false;
    }
    return queue.offer(event);
  }

  /**
   * Counts an event of {@code level} as logged and dropped, without the caller building it, when the queue is full
   * and the policy would drop it anyway (or the client is closing). An appender asks this first and builds and
   * {@link #offer}s the event only on false, so a log call while Corral is away costs almost nothing. Never blocks.
   *
   * @return true when the event was counted as dropped (do not offer it)
   */
  public boolean dropIfFull(String level) {
    if (sender.closing()) {
      queue.drops().count(level);
    } else if (!queue.dropIfFull(level)) {
      return false;
    }
    logged.increment();
    return true;
  }

  /** What happened to the events so far. */
  public ClientStats stats() {
    DropCounts drops = queue.drops();
    return new ClientStats(logged.sum(), sender.delivered.get(), sender.rejected.get(), drops.total(),
        drops.byLevel(), sender.spilled.get(), sender.unspilled.get(), queue.size(), sender.inFlight.get(),
        sender.reports.get());
  }

  /** Delivers what is queued, for at most the configured {@code shutdownTimeout}, and stops the sender. */
  @Override
  public void close() {
    close(config.shutdownTimeout());
  }

  /** Like {@link #close()} with another limit. */
  public void close(Duration limit) {
    try {
      sender.close(limit);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
