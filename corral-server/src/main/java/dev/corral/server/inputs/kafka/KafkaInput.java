package dev.corral.server.inputs.kafka;

import dev.corral.model.normalize.IngestBody;
import dev.corral.server.config.KafkaSection;
import dev.corral.server.ingest.IngestSink;
import dev.corral.server.ingest.OriginFollower;
import dev.corral.server.inputs.Endpoint;
import dev.corral.server.inputs.Input;
import dev.corral.server.inputs.InputStats;
import dev.corral.server.inputs.raw.RawLineDecoder;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka input ({@code kafka.*} settings): one consumer in the group {@code kafka.group_id} reads the configured
 * topics on its own thread ({@link ConsumerLoop}) and writes each partition's records through the ingest sink
 * ({@link PartitionAppender}, {@link KafkaRecordDecoder}). Offsets go to Kafka only for records the WAL holds and
 * the store has taken ({@link CommittableOffsets}, fed by the durable WAL follower {@value #OFFSETS_CONSUMER}, which
 * also keeps {@code <data.dir>/kafka/offsets}: how far the WAL holds each partition).
 *
 * <p>{@link #start()} never waits for a broker: with the brokers unreachable, or refusing its credentials or TLS
 * handshake ({@code kafka.client}), the server starts, the input logs one line and retries; stats show
 * {@code connection: unreachable} or {@code authentication_failed}. Binds no port. Thread-safe.
 */
public final class KafkaInput implements Input {
  /** The input's name: its metric label and the {@code dead_letter.input} of its dead letters. */
  public static final String INPUT = "kafka";
  /** The field every event this input reads carries: its record's topic (with {@code kafka.partition}, {@code kafka.offset}). */
  public static final String TOPIC_FIELD = "kafka.topic";
  /** The WAL follower that reads the records' origins. */
  public static final String OFFSETS_CONSUMER = "kafka-offsets";
  /** Every durable record may be committed: what the local store needs (it replays the WAL after a crash). */
  public static final LongSupplier EVERY_DURABLE_RECORD = CommittableOffsets.EVERY_DURABLE_RECORD;
  private static final Logger log = LoggerFactory.getLogger(KafkaInput.class);
  /**
   * The consumer's max.poll.records unless {@code kafka.client} sets it: one poll feeds every partition's append at
   * once, so it must give each of a dozen busy partitions about a thousand records (measured with 6 partitions:
   * Kafka's default 500 gave a third of direct HTTP ingest's rate). Memory stays bounded by one poll: about 10 MB
   * of 1 KB records.
   */
  static final int MAX_POLL_RECORDS = 10_000;
  /** The consumer thread gets this long to commit and leave the group when the server stops. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);

  private final KafkaSection config;
  private final IngestSink sink;
  private final Path stateDir;
  private final long maxRecordBytes;
  private final int maxLineBytes;
  private final LongSupplier committableWalPosition;
  private final ConsumerState state = new ConsumerState();
  private OriginFollower follower;
  private ConsumerLoop loop;
  private Thread thread;

  /**
   * @param stateDir where the offsets the WAL holds are kept ({@code <data.dir>/kafka})
   * @param maxRecordBytes the largest record value read ({@code http.max_body_bytes}); larger ones are dead letters
   * @param maxLineBytes the longest raw line ({@code ingest.max_message_bytes})
   * @param committableWalPosition the WAL position up to which records may be committed to Kafka: the store's
   *     checkpoint when the store indexes elsewhere (OpenSearch), {@link #EVERY_DURABLE_RECORD} with the local store
   */
  public KafkaInput(KafkaSection config, IngestSink sink, Path stateDir, long maxRecordBytes, int maxLineBytes,
      LongSupplier committableWalPosition) {
    this.config = config;
    this.sink = sink;
    this.stateDir = stateDir;
    this.maxRecordBytes = maxRecordBytes;
    this.maxLineBytes = maxLineBytes;
    this.committableWalPosition = committableWalPosition;
  }

  @Override
  public String name() {
    return INPUT;
  }

  @Override
  public List<Endpoint> endpoints() {
    return List.of();
  }

  @Override
  public synchronized void start() throws IOException {
    Files.createDirectories(stateDir);
    CommittableOffsets offsets = new CommittableOffsets(committableWalPosition);
    follower = sink.followOrigins(OFFSETS_CONSUMER, stateDir.resolve("offsets"), offsets);
    KafkaRecordDecoder decoder = new KafkaRecordDecoder(new IngestBody(sink.eventDecoder()),
        new RawLineDecoder(INPUT, maxLineBytes), maxRecordBytes, sink::hasPipeline);
    loop = new ConsumerLoop(config, consumerProperties(config), new PartitionAppender(sink, decoder, config,
        maxRecordBytes), follower, offsets, state);
    thread = Thread.ofPlatform().name("corral-kafka-input").daemon(true).start(loop);
    log.atInfo().addKeyValue("bootstrap_servers", String.join(",", config.bootstrapServers()))
        .addKeyValue("topics", config.topicPattern() != null ? "pattern " + config.topicPattern().pattern()
            : String.join(",", config.topics()))
        .addKeyValue("group", config.groupId()).addKeyValue("client_id", config.clientId())
        .addKeyValue("client_properties", String.join(",", config.client().keySet()))
        .log("kafka input starting");
  }

  /** The consumer's properties: the reserved ones from the settings, defaults, then {@code kafka.client}. */
  static Properties consumerProperties(KafkaSection config) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(MAX_POLL_RECORDS));
    properties.putAll(config.client());
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", config.bootstrapServers()));
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
    properties.put(ConsumerConfig.CLIENT_ID_CONFIG, config.clientId());
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return properties;
  }

  @Override
  public void registerMetrics(PrometheusRegistry registry) {
    GaugeWithCallback.builder().name("corral_kafka_consumer_lag_records")
        .help("Records of each Kafka partition this node holds that are not read yet (log end offset minus position)")
        .labelNames("topic", "partition")
        .callback(callback -> state.lag().forEach((partition, lag) ->
            callback.call(lag, partition.topic(), String.valueOf(partition.partition()))))
        .register(registry);
    CounterWithCallback.builder().name("corral_kafka_records_total")
        .help("Kafka records read by the Kafka input (a record read again after a refusal counts again)")
        .callback(callback -> callback.call(state.records())).register(registry);
    CounterWithCallback.builder().name("corral_kafka_commits_total")
        .help("Offset commits the Kafka input made (each for every partition that had something to commit)")
        .callback(callback -> callback.call(state.commits())).register(registry);
    CounterWithCallback.builder().name("corral_kafka_commit_failures_total")
        .help("Offset commits that failed (retried on the next turn)")
        .callback(callback -> callback.call(state.commitFailures())).register(registry);
    CounterWithCallback.builder().name("corral_kafka_partition_pauses_total")
        .help("Times a partition was paused because the ingest sink refused its records (backlog, rate, not ready)")
        .callback(callback -> callback.call(state.pauses())).register(registry);
    GaugeWithCallback.builder().name("corral_kafka_paused_partitions")
        .help("Partitions paused now, waiting for the ingest sink")
        .callback(callback -> callback.call(state.pausedPartitions())).register(registry);
    GaugeWithCallback.builder().name("corral_kafka_connected")
        .help("1 when the Kafka brokers answered the last topic-list request, else 0")
        .callback(callback -> callback.call(state.connection() == ConsumerState.Connection.CONNECTED ? 1 : 0))
        .register(registry);
  }

  @Override
  public Map<String, Object> stats() {
    Map<String, Object> own = new LinkedHashMap<>();
    own.put("bootstrap_servers", config.bootstrapServers());
    own.put("group_id", config.groupId());
    own.put("topics", config.topicPattern() != null ? "pattern " + config.topicPattern().pattern() : config.topics());
    own.putAll(state.toJson());
    return InputStats.of(sink.counts(INPUT), own);
  }

  /** Stops the consumer (it commits what is committable and leaves the group), then the offsets follower. */
  @Override
  public synchronized void close() throws IOException {
    if (loop != null) {
      loop.stop();
      try {
        thread.join(STOP_WAIT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      loop = null;
    }
    if (follower != null) {
      follower.close();
      follower = null;
    }
  }
}
