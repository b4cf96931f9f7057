package dev.corral.server.forward;

import dev.corral.model.EventBatch;
import dev.corral.server.config.ConfigException;
import dev.corral.server.config.KafkaForwardSection;
import dev.corral.server.service.Service;
import dev.corral.wal.ConsumerLag;
import dev.corral.wal.FollowOptions;
import dev.corral.wal.StartPoint;
import dev.corral.wal.WalFollower;
import dev.corral.wal.WriteAheadLog;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards every event the inputs receive to {@code kafka.forward_topic} (docs/scale-out.md, "Kafka output"): a WAL
 * follower named {@value #CONSUMER} ({@link ForwardingConsumer}) reads durable records from its own cursor and
 * produces each event keyed by service with an idempotent producer and {@code acks=all}; the cursor passes a record
 * only once the broker acknowledged all of its events, so a kill -9 repeats events, never loses them (at least
 * once). Off when the topic is empty.
 *
 * <p>A cluster that is down or unreachable never stops the server nor ingest: the follower retries with backoff and
 * lags behind the WAL, which holds the records back within its retention bound ({@code wal.retention_max_bytes});
 * the one-line error is the stats entry {@code kafka_forward.error} and a WARN line. A bootstrap server that does not
 * resolve fails the start. Owns the {@code corral_kafka_forward_*} metrics.
 */
public final class KafkaForwardService implements Service {
  /** The WAL follower's name (its cursor file is {@code wal/consumers/kafka-forward.cursor}). */
  public static final String CONSUMER = "kafka-forward";
  private static final Logger log = LoggerFactory.getLogger(KafkaForwardService.class);
  /** lz4: most of zstd's saving on log lines for a fraction of its CPU on the node that also indexes. */
  static final String DEFAULT_COMPRESSION = "lz4";
  /** 32 MiB of events in the producer at most (Kafka's own default, stated): then the follower waits. */
  static final long DEFAULT_BUFFER_MEMORY = 32L << 20;
  /** Events of one WAL record are sent at once; a few ms let the producer fill its per-partition batches. */
  static final long DEFAULT_LINGER_MS = 5;
  /** A send the broker has not acknowledged within this is failed and sent again by the follower's backoff. */
  static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);
  /** One request's answer; half the delivery timeout leaves the producer one retry of its own. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
  /** How long a send waits for metadata or buffer space: an unreachable cluster is noticed within this. */
  static final Duration MAX_BLOCK = Duration.ofSeconds(10);
  /** How long closing waits for events still in the producer (they are read again at the next start anyway). */
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  private final KafkaForwardSection config;
  private final Supplier<WriteAheadLog<EventBatch>> wal;
  private final ForwardStats stats = new ForwardStats();
  private volatile Producer<byte[], byte[]> producer;
  private volatile ForwardingConsumer consumer;
  private volatile WalFollower follower;

  /** @param wal the open WAL (its service starts before this one) */
  public KafkaForwardService(KafkaForwardSection config, Supplier<WriteAheadLog<EventBatch>> wal) {
    this.config = config;
    this.wal = wal;
  }

  @Override
  public String name() {
    return "kafka-forward";
  }

  /** Opens the producer and follows the WAL from the cursor (from the end the first time: what arrives from now). */
  @Override
  public void start() throws IOException {
    if (!config.enabled()) {
      return;
    }
    try {
      producer = new KafkaProducer<>(producerProperties(config), new ByteArraySerializer(), new ByteArraySerializer());
    } catch (KafkaException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new ConfigException("kafka.forward_topic: the Kafka producer for " + target() + " cannot be created: "
          + cause.getMessage() + " (kafka.bootstrap_servers, kafka.client)");
    }
    consumer = new ForwardingConsumer(producer, config.topic(), target(), stats);
    follower = wal.get().follow(CONSUMER, FollowOptions.startingAt(StartPoint.END), consumer);
    log.atInfo().addKeyValue("bootstrap_servers", config.bootstrapServers()).addKeyValue("topic", config.topic())
        .log("forwarding received events to kafka");
  }

  /**
   * The producer's properties: defaults {@code kafka.client} may change, the producer properties it passes through,
   * then the safe delivery settings this service owns.
   */
  static Properties producerProperties(KafkaForwardSection config) {
    Properties properties = new Properties();
    properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, DEFAULT_COMPRESSION);
    properties.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(DEFAULT_BUFFER_MEMORY));
    properties.put(ProducerConfig.LINGER_MS_CONFIG, Long.toString(DEFAULT_LINGER_MS));
    properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(DELIVERY_TIMEOUT.toMillis()));
    properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(REQUEST_TIMEOUT.toMillis()));
    properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(MAX_BLOCK.toMillis()));
    properties.put(ProducerConfig.CLIENT_ID_CONFIG, "corral-" + CONSUMER);
    properties.putAll(config.producerProperties());
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.RETRIES_CONFIG, Integer.toString(Integer.MAX_VALUE));
    properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
    return properties;
  }

  private String target() {
    return "kafka://" + config.bootstrapServers() + "/" + config.topic();
  }

  /** Where the follower stands in the WAL; empty when forwarding is off or not started. */
  private Optional<ConsumerLag> lag() {
    if (follower == null) {
      return Optional.empty();
    }
    try {
      return wal.get().consumers().stream().filter(c -> c.name().equals(CONSUMER)).findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** off, following, failing (sends fail and are retried) or stopped (the follower ended on an error). */
  private String state() {
    WalFollower running = follower;
    if (running == null) {
      return config.enabled() ? "stopped" : "off";
    }
    if (running.failure().isPresent()) {
      return "stopped";
    }
    return stats.failing() ? "failing" : "following";
  }

  @Override
  public Map<String, Object> stats() {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("state", state());
    if (!config.enabled()) {
      return Map.of("kafka_forward", entry);
    }
    entry.put("target", target());
    entry.put("forwarded_events", stats.forwardedEvents());
    entry.put("skipped_events", stats.skippedEvents());
    entry.put("failures", stats.failures());
    entry.put("resent_events", stats.resentEvents());
    entry.put("gaps", stats.gaps());
    entry.put("missed_bytes", stats.missedBytes());
    Optional<ConsumerLag> lag = lag();
    entry.put("lag_records", lag.map(ConsumerLag::lagRecords).orElse(0L));
    entry.put("lag_bytes", lag.map(ConsumerLag::lagBytes).orElse(0L));
    entry.put("cursor", lag.map(ConsumerLag::cursor).orElse(0L));
    WalFollower running = follower;
    String error = running != null && running.failure().isPresent()
        ? "the follower stopped: " + running.failure().get() : stats.lastError();
    if (error != null) {
      entry.put("error", error);
    }
    return Map.of("kafka_forward", entry);
  }

  @Override
  public void registerMetrics(PrometheusRegistry registry) {
    CounterWithCallback.builder().name("corral_kafka_forward_events_total")
        .help("Events forwarded to kafka.forward_topic and acknowledged by the broker since start")
        .callback(callback -> callback.call(stats.forwardedEvents())).register(registry);
    CounterWithCallback.builder().name("corral_kafka_forward_skipped_events_total")
        .help("Events not forwarded since start: read by the Kafka input (no loops) or audit entries")
        .callback(callback -> callback.call(stats.skippedEvents())).register(registry);
    CounterWithCallback.builder().name("corral_kafka_forward_failures_total")
        .help("Sends to kafka.forward_topic that failed (each sent again after backoff) since start")
        .callback(callback -> callback.call(stats.failures())).register(registry);
    CounterWithCallback.builder().name("corral_kafka_forward_resent_events_total")
        .help("Events sent again after a failed send since start: each may be on the topic twice")
        .callback(callback -> callback.call(stats.resentEvents())).register(registry);
    GaugeWithCallback.builder().name("corral_kafka_forward_failing")
        .help("1 while forwarding fails or its follower stopped (see stats kafka_forward.error), else 0")
        .callback(callback -> callback.call(state().equals("failing") || state().equals("stopped") ? 1 : 0))
        .register(registry);
  }

  /** Stops the follower (what was not acknowledged is read again at the next start), then the producer. */
  @Override
  public void close() throws IOException {
    ForwardingConsumer running = consumer;
    if (running != null) {
      running.stop();
    }
    WalFollower following = follower;
    follower = null;
    try {
      if (following != null) {
        following.close();
      }
    } finally {
      Producer<byte[], byte[]> open = producer;
      producer = null;
      if (open != null) {
        open.close(CLOSE_WAIT);
      }
    }
  }
}
