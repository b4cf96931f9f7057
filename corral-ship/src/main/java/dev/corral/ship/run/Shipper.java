package dev.corral.ship.run;

import dev.corral.ship.Input;
import dev.corral.ship.config.ShipConfig;
import dev.corral.ship.deliver.Delivery;
import dev.corral.ship.spool.Spool;
import dev.corral.ship.status.StatusReport;
import dev.corral.ship.status.StatusServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running shipper: inputs → record queue → batcher → output → acknowledgements, with the spool and the status
 * endpoint.
 *
 * <p>Start order ({@link #start}), each step using only what the earlier ones built:
 * <ol>
 *   <li>the registry directory and the spool (checking files left from an earlier run);
 *   <li>the delivery (sender, then batcher thread), so the sink takes records before any input reads;
 *   <li>the inputs, each {@link Input#run} on a thread of its own, resuming from its registry;
 *   <li>the status endpoint.
 * </ol>
 *
 * <p>Stop order ({@link #stop}), the reverse:
 * <ol>
 *   <li>the status endpoint;
 *   <li>the delivery: the queue takes no more records (an input blocked in {@code accept} gets
 *       {@link InterruptedException} and returns), what was taken is delivered until the flush limit and spooled
 *       after it; the sources are acknowledged while their inputs are still open;
 *   <li>the inputs are closed (they persist their registries and release their files), their threads joined;
 *   <li>the spool needs no closing: every file in it is complete and fsync'd.
 * </ol>
 */
public final class Shipper implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Shipper.class);
  /** How long a stop gives the last batches by default, like Filebeat's {@code shutdown_timeout} ceiling. */
  public static final Duration DEFAULT_FLUSH_LIMIT = Duration.ofSeconds(10);
  /** How long a closed input's thread gets to return before the shipper goes on without it. */
  private static final long INPUT_JOIN_MILLIS = 2_000;
  private final ShipConfig config;
  private final Spool spool;
  private final Delivery delivery;
  private final List<Input> inputs;
  private final List<Thread> inputThreads = new ArrayList<>();
  private StatusServer status;

  private Shipper(ShipConfig config, Spool spool, Delivery delivery, List<Input> inputs) {
    this.config = config;
    this.spool = spool;
    this.delivery = delivery;
    this.inputs = List.copyOf(inputs);
  }

  /** Starts everything in the order written above; on a failure, stops what was started and throws. */
  public static Shipper start(ShipConfig config, InputOpener opener) throws IOException {
    Files.createDirectories(config.registry());
    Spool spool = Spool.open(config.spoolDir(), config.spool().maxBytes(), config.spool().maxAge(),
        Clock.systemUTC());
    Delivery delivery = Delivery.start(config.output(), spool, config.spool().after());
    List<Input> inputs;
    try {
      inputs = opener.open(config.inputs(), config.registry());
    } catch (IOException | RuntimeException e) {
      stopQuietly(delivery);
      throw e;
    }
    Shipper shipper = new Shipper(config, spool, delivery, inputs);
    for (Input input : inputs) {
      shipper.inputThreads.add(Thread.ofPlatform().name("corral-ship-input-" + input.name()).daemon(true)
          .start(() -> read(input, delivery)));
    }
    if (config.status().listen() != null) {
      try {
        shipper.status = StatusServer.start(config.status().listen(), shipper::status);
      } catch (IOException e) {
        shipper.stop(DEFAULT_FLUSH_LIMIT);
        throw new IOException("status.listen " + config.status().listen() + ": " + e.getMessage(), e);
      }
    }
    LOG.atInfo().addKeyValue("output", config.output().target()).addKeyValue("format", formatName(config))
        .addKeyValue("inputs", inputs.size()).addKeyValue("registry", config.registry())
        .addKeyValue("status", shipper.statusAddress()).log("shipper started");
    return shipper;
  }

  private static void read(Input input, Delivery delivery) {
    try {
      input.run(delivery.sink());
      LOG.atInfo().addKeyValue("input", input.name()).log("input finished");
    } catch (InterruptedException e) {
      LOG.atDebug().addKeyValue("input", input.name()).log("input stopped");
    } catch (IOException | RuntimeException e) {
      LOG.atError().addKeyValue("input", input.name()).addKeyValue("error", e.toString())
          .log("input stopped on an error; the other inputs go on");
    }
  }

  private static void stopQuietly(Delivery delivery) {
    try {
      delivery.stop(Duration.ZERO);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The status endpoint's address, or null when it is off. */
  public InetSocketAddress statusAddress() {
    return status == null ? null : status.address();
  }

  /** What the shipper is doing now. */
  public StatusReport status() {
    List<StatusReport.Source> sources = new ArrayList<>();
    for (Input input : inputs) {
      sources.addAll(StatusReport.sourcesOf(input.name(), input.status()));
    }
    return StatusReport.of(new StatusReport.Output(config.output().target(), formatName(config)), sources,
        delivery.queued(), delivery.stats(), spool);
  }

  private static String formatName(ShipConfig config) {
    return config.output().format().name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Stops in the order written above, giving the last batches {@code flushLimit}.
   *
   * @return true when everything read was delivered or spooled
   */
  public boolean stop(Duration flushLimit) {
    if (status != null) {
      status.close();
    }
    boolean flushed = false;
    try {
      flushed = delivery.stop(flushLimit);
      for (Input input : inputs) {
        input.close();
      }
      for (Thread thread : inputThreads) {
        thread.join(INPUT_JOIN_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.atInfo().addKeyValue("flushed", flushed).addKeyValue("sent_events", delivery.stats().sentEvents())
        .addKeyValue("spool_batches", spool.batches()).log("shipper stopped");
    return flushed;
  }

  @Override
  public void close() {
    stop(DEFAULT_FLUSH_LIMIT);
  }
}
