package dev.corral.demo;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shop fleet running in real time against a Corral server: a {@link FleetSimulator} whose
 * simulated clock follows the wall clock, shipped as NDJSON to {@code POST /api/v1/ingest}.
 *
 * <p>Two named daemon threads: {@code corral-demo-generator} advances the simulator every
 * {@link FleetConfig#batchInterval()} and queues the new lines as one batch;
 * {@code corral-demo-shipper} posts batches in order and retries them while the server pushes
 * back or is unreachable. The queue holds {@value #QUEUE_CAPACITY} batches; when it is full the
 * oldest batch is dropped and counted, so generation never waits on the server.
 *
 * <p>{@link #start()} once, {@link #close()} once (more calls are no-ops); {@link #stats()} from
 * any thread at any time.
 */
public final class DemoFleet implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DemoFleet.class);
  /** About 50 s of events at the defaults, a few MiB: a server restart loses nothing. */
  static final int QUEUE_CAPACITY = 256;
  /** Keeps a catch-up batch (after a long pause of the generator) a reasonable request. */
  static final int MAX_BATCH_EVENTS = 10_000;
  /** Far under the server's default body limit (32 MiB). */
  static final int MAX_BATCH_BYTES = 4 << 20;
  /** How long {@link #close()} keeps delivering what is queued before dropping it. */
  static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final FleetConfig config;
  private final FleetCounters counters = new FleetCounters();
  private final BlockingQueue<NdjsonBatch> queue;
  private final Duration closeTimeout;
  private final Object lifecycle = new Object();
  private volatile boolean closing;
  private volatile boolean generatorDone;
  private volatile long closeDeadlineNanos;
  private HttpClient client;
  private Thread generator;
  private Thread shipper;
  private boolean started;
  private boolean closed;

  public DemoFleet(FleetConfig config) {
    this(config, QUEUE_CAPACITY, CLOSE_TIMEOUT);
  }

  /** For tests: a smaller queue and a shorter close. */
  DemoFleet(FleetConfig config, int queueCapacity, Duration closeTimeout) {
    this.config = java.util.Objects.requireNonNull(config, "config");
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    this.closeTimeout = closeTimeout;
  }

  public FleetConfig config() {
    return config;
  }

  /**
   * Starts generating and shipping in the background; returns at once. A server that is not up
   * yet is fine: batches wait in the queue and are retried.
   *
   * @throws IllegalStateException when called twice or after {@link #close()}
   */
  public void start() {
    synchronized (lifecycle) {
      if (started || closed) {
        throw new IllegalStateException("fleet already " + (closed ? "closed" : "started"));
      }
      started = true;
      client = HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(IngestShipper.CONNECT_TIMEOUT)
          .build();
      IngestShipper sender = new IngestShipper(config.ingestUri(), config.gzip(), client, counters);
      Instant simulatedStart = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      FleetSimulator simulator = new FleetSimulator(config.seed(), simulatedStart, config.eventsPerSecond());
      generator = daemon("corral-demo-generator", () -> {
        backfill(simulatedStart);
        generate(simulator, simulatedStart);
      });
      shipper = daemon("corral-demo-shipper", () -> ship(sender));
      log.atInfo().addKeyValue("target", config.ingestUri()).addKeyValue("events_per_second", config.eventsPerSecond())
          .addKeyValue("seed", config.seed()).addKeyValue("services", ShopCatalog.SERVICES.size())
          .log("demo fleet started");
      generator.start();
      shipper.start();
    }
  }

  /** What the fleet has done so far. */
  public FleetStats stats() {
    return counters.snapshot();
  }

  /**
   * Stops generating, ships what is still queued for up to {@link #CLOSE_TIMEOUT}, drops
   * (and counts) the rest, and ends both threads.
   */
  @Override
  public void close() {
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
      if (!started) {
        return;
      }
      closeDeadlineNanos = System.nanoTime() + closeTimeout.toNanos();
      closing = true;
      generator.interrupt();
      try {
        generator.join(closeTimeout.toMillis() + 1);
        long left = TimeUnit.NANOSECONDS.toMillis(closeDeadlineNanos - System.nanoTime());
        shipper.join(Math.max(1, left));
        if (shipper.isAlive()) {
          shipper.interrupt();
          shipper.join(1_000);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        shipper.interrupt();
      }
      for (NdjsonBatch batch; (batch = queue.poll()) != null; ) {
        counters.dropped.addAndGet(batch.events());
      }
      client.shutdownNow();
      FleetStats stats = counters.snapshot();
      log.atInfo().addKeyValue("generated", stats.eventsGenerated()).addKeyValue("accepted", stats.eventsAccepted())
          .addKeyValue("rejected", stats.eventsRejected()).addKeyValue("dropped", stats.eventsDropped())
          .addKeyValue("retries", stats.retries()).log("demo fleet stopped");
    }
  }

  /**
   * Queues {@link FleetConfig#backfill()} of calm history ending at {@code liveStart}, from its own
   * simulator (another seed, {@link FleetConfig#BACKFILL_EVENTS_PER_SECOND}, incidents from
   * {@code liveStart} on), ahead of the live events.
   */
  private void backfill(Instant liveStart) {
    if (config.backfill().isZero()) {
      return;
    }
    FleetSimulator history = new FleetSimulator(~config.seed(), liveStart.minus(config.backfill()),
        FleetConfig.BACKFILL_EVENTS_PER_SECOND, liveStart);
    produce(history, liveStart);
    log.atInfo().addKeyValue("span", config.backfill()).addKeyValue("events", history.eventsEmitted())
        .log("demo fleet queued its calm history");
  }

  private void generate(FleetSimulator simulator, Instant simulatedStart) {
    long t0 = System.nanoTime();
    long interval = config.batchInterval().toNanos();
    long next = t0 + interval;
    try {
      while (!closing) {
        long sleep = next - System.nanoTime();
        if (sleep > 0) {
          try {
            TimeUnit.NANOSECONDS.sleep(sleep);
          } catch (InterruptedException e) {
            break;
          }
        }
        produce(simulator, simulatedStart.plusNanos(System.nanoTime() - t0));
        next += interval;
        long now = System.nanoTime();
        if (next < now) {
          next = now + interval;
        }
      }
      produce(simulator, simulatedStart.plusNanos(System.nanoTime() - t0));
    } catch (RuntimeException e) {
      counters.error("generator failed: " + e);
      log.atError().setCause(e).log("demo generator failed; no more events will be generated");
    } finally {
      generatorDone = true;
    }
  }

  /** Advances the simulator to {@code now} and queues the new lines as one or more batches. */
  private void produce(FleetSimulator simulator, Instant now) {
    ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
    int[] events = {0};
    simulator.advanceTo(now, line -> {
      body.writeBytes(line);
      body.write('\n');
      events[0]++;
      counters.generated.incrementAndGet();
      if (events[0] >= MAX_BATCH_EVENTS || body.size() >= MAX_BATCH_BYTES) {
        enqueue(new NdjsonBatch(body.toByteArray(), events[0]));
        body.reset();
        events[0] = 0;
      }
    });
    if (events[0] > 0) {
      enqueue(new NdjsonBatch(body.toByteArray(), events[0]));
    }
  }

  private void enqueue(NdjsonBatch batch) {
    while (!queue.offer(batch)) {
      NdjsonBatch oldest = queue.poll();
      if (oldest != null) {
        long total = counters.dropped.addAndGet(oldest.events());
        log.atDebug().addKeyValue("dropped_total", total).log("ingest queue full, dropped the oldest batch");
      }
    }
  }

  private void ship(IngestShipper sender) {
    NdjsonBatch inHand = null;
    try {
      while (!pastCloseDeadline()) {
        inHand = queue.poll(100, TimeUnit.MILLISECONDS);
        if (inHand == null) {
          if (generatorDone && closing) {
            return;
          }
          continue;
        }
        sender.deliver(inHand, this::pastCloseDeadline);
        inHand = null;
      }
      // Past the close deadline: close() counts what is left in the queue as dropped.
    } catch (InterruptedException e) {
      if (inHand != null) {
        counters.dropped.addAndGet(inHand.events());
      }
    } catch (RuntimeException e) {
      counters.error("shipper failed: " + e);
      log.atError().setCause(e).log("demo shipper failed; no more batches will be sent");
    }
  }

  private boolean pastCloseDeadline() {
    return closing && System.nanoTime() - closeDeadlineNanos > 0;
  }

  private static Thread daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }
}
