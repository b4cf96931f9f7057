package dev.corral.ship.deliver;

import dev.corral.ship.RecordSink;
import dev.corral.ship.config.OutputConfig;
import dev.corral.ship.spool.Spool;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The delivery side: record queue → batcher thread → sender thread → output, with the disk spool.
 *
 * <p>Start: {@link #start} starts the sender, then the batcher; inputs may write to {@link #sink()} from then on.
 * Stop ({@link #stop}): the queue takes no more records, the batcher cuts what is queued into last batches, the
 * sender delivers them until the deadline and spools what is still undelivered then (so a stop never loses an
 * acknowledged-to-be event and never waits longer than the limit plus one request's timeout).
 */
public final class Delivery {
  /** Batches cut but not yet sent: one being sent, one ready; more would only hold memory. */
  private static final int READY_BATCHES = 2;
  private final RecordQueue records;
  private final Output output;
  private final Spool spool;
  private final DeliveryStats stats = new DeliveryStats();
  private final Sender sender;
  private final Thread batcherThread;
  private final Thread senderThread;

  private Delivery(OutputConfig config, Output output, Spool spool, Duration spoolAfter, int queueCapacity) {
    this.records = new RecordQueue(queueCapacity);
    this.output = output;
    this.spool = spool;
    BlockingQueue<Batch> batches = new ArrayBlockingQueue<>(READY_BATCHES);
    this.sender = new Sender(batches, output, spool, stats, spoolAfter);
    Batcher batcher = new Batcher(records, batches, config.batchEvents(), config.batchBytes(),
        config.flushInterval().toMillis());
    this.senderThread = Thread.ofPlatform().name("corral-ship-sender").daemon(true).unstarted(sender);
    this.batcherThread = Thread.ofPlatform().name("corral-ship-batcher").daemon(true).unstarted(batcher);
  }

  /**
   * Starts delivering to the configured output; {@code spool} must be open and is not closed here.
   *
   * @throws dev.corral.ship.config.ConfigException when the output cannot be opened (a Kafka bootstrap server that
   *     does not resolve), naming it
   */
  public static Delivery start(OutputConfig config, Spool spool, Duration spoolAfter) {
    Output output = config.kafka() == null ? new HttpOutput(config) : KafkaOutput.open(config);
    Delivery delivery = new Delivery(config, output, spool, spoolAfter, RecordQueue.DEFAULT_CAPACITY);
    delivery.senderThread.start();
    delivery.batcherThread.start();
    return delivery;
  }

  /** Where inputs hand their records (blocks while full). */
  public RecordSink sink() {
    return records;
  }

  public DeliveryStats stats() {
    return stats;
  }

  /** Records waiting in the queue now. */
  public int queued() {
    return records.size();
  }

  /**
   * Stops taking records and delivers (or spools) what was taken, within {@code limit}.
   *
   * @return true when every taken record was delivered or spooled (and its source told)
   */
  public boolean stop(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    records.close();
    sender.stopBy(deadline);
    batcherThread.join(Math.max(1, limit.toMillis()));
    long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
    senderThread.join(left + OutputGrace.MILLIS);
    boolean finished = !senderThread.isAlive() && !batcherThread.isAlive();
    output.close();
    return finished;
  }

  /** How long after the flush limit a request already on the wire may still finish. */
  private static final class OutputGrace {
    /** One short request; a hung server is not waited for beyond this. */
    static final long MILLIS = 5_000;
  }
}
