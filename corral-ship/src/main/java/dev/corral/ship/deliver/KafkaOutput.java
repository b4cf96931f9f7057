package dev.corral.ship.deliver;

import dev.corral.ship.config.ConfigException;
import dev.corral.ship.config.KafkaOutputConfig;
import dev.corral.ship.config.OutputConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends batches to a Kafka topic ({@code output.kafka}): one record per event, the value the event's JSON line as
 * the HTTP output sends it, the key its service ({@link ServiceKey}; none without one), and the server pipeline, if
 * any, in the header {@value #PIPELINE_HEADER}. A batch counts as delivered once the broker acknowledged each of
 * its records: the producer is idempotent with {@code acks=all}, so a record is acknowledged only once every
 * in-sync replica has it, and the producer's own retries neither duplicate nor reorder a partition's records.
 *
 * <p>What becomes of each record of a batch:
 * <ul>
 *   <li>acknowledged: accepted;
 *   <li>refused for itself (over the broker's {@code max.message.bytes}, an invalid record): rejected, counted and
 *       logged by the sender; sending it again would be refused the same way;
 *   <li>any other failure (broker down, not enough in-sync replicas, a timeout, credentials refused — they can be
 *       fixed on the cluster while the shipper waits): sent again after backoff, in order, and after
 *       {@code spool.after} spooled like any undelivered batch. A failure the producer cannot recover from also
 *       replaces the producer before the next attempt.
 * </ul>
 *
 * <p>Back-pressure: the producer holds at most {@code buffer.memory} of records; when full, {@code send} blocks the
 * sender thread (up to {@code output.timeout}), so the batcher and then the record queue fill and the inputs stop
 * reading. Nothing is dropped for a full buffer. Called from the sender thread only.
 */
final class KafkaOutput implements Output {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaOutput.class);
  /** The record header naming the server pipeline of an input's {@code pipeline:} option. */
  static final String PIPELINE_HEADER = "corral.pipeline";
  /** lz4: most of the saving on log lines for little CPU on the shipper's host; zstd saves more, for more CPU. */
  static final String DEFAULT_COMPRESSION = "lz4";
  /** 32 MiB of records in the producer at most (Kafka's own default, stated): a few batches, a bounded heap. */
  static final long DEFAULT_BUFFER_MEMORY = 32L << 20;
  /** Records of one batch are handed at once; a few ms let the producer fill its per-partition batches. */
  static final long DEFAULT_LINGER_MS = 5;
  /** How long closing waits for records still in the producer (their batch is sent again on the next start). */
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
  /** A server's error text quoted in our logs is cut here. */
  private static final int MAX_REASON_CHARS = 300;

  private final Properties properties;
  private final String topic;
  private final String target;
  private KafkaProducer<String, String> producer;

  private KafkaOutput(OutputConfig config) {
    KafkaOutputConfig kafka = config.kafka();
    this.topic = kafka.topic();
    this.target = config.target();
    this.properties = producerProperties(kafka, config.timeout());
    this.producer = open();
  }

  /**
   * Opens the producer. It connects lazily: a cluster that is down now is retried by the sender (its failure is
   * the status's last error and a WARN line), while a configuration the client refuses fails here.
   *
   * @throws ConfigException naming the output when the client refuses its properties (a bootstrap server that
   *     does not resolve, a bad property value)
   */
  static KafkaOutput open(OutputConfig config) {
    try {
      return new KafkaOutput(config);
    } catch (KafkaException e) {
      Throwable cause = e.getCause() != null && e.getMessage() != null && e.getMessage().startsWith("Failed to construct")
          ? e.getCause() : e;
      throw new ConfigException("output.kafka (" + config.target() + ") cannot be used: " + reason(cause));
    }
  }

  /**
   * The producer's properties: the safe delivery settings the shipper owns, defaults the configuration may change,
   * then the configured pass-through properties.
   */
  static Properties producerProperties(KafkaOutputConfig kafka, Duration timeout) {
    Properties properties = new Properties();
    properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, DEFAULT_COMPRESSION);
    properties.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(DEFAULT_BUFFER_MEMORY));
    properties.put(ProducerConfig.LINGER_MS_CONFIG, Long.toString(DEFAULT_LINGER_MS));
    long timeoutMs = Math.max(2, timeout.toMillis());
    // the producer's retries of one record end within output.timeout; then the sender's backoff and spool take over
    properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(timeoutMs));
    properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.max(1, timeoutMs / 2 - DEFAULT_LINGER_MS)));
    properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeoutMs));
    properties.putAll(kafka.properties());
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.RETRIES_CONFIG, Integer.toString(Integer.MAX_VALUE));
    properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
    return properties;
  }

  private KafkaProducer<String, String> open() {
    return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
  }

  @Override
  public SendResult send(List<String> events, String pipeline) throws InterruptedException {
    List<Future<RecordMetadata>> handed = new ArrayList<>(events.size());
    try {
      for (String event : events) {
        Future<RecordMetadata> future = producer.send(record(event, pipeline));
        handed.add(future);
        if (future.isDone() && failure(future) instanceof RetriableException) {
          break; // no metadata (broker down, no topic): the rest would each wait as long; retried together
        }
      }
      producer.flush();
    } catch (InterruptException e) {
      throw new InterruptedException("interrupted while sending to " + target);
    } catch (KafkaException e) {
      reopen(e);
      return new SendResult.Retryable("kafka " + target + ": " + reason(e), null);
    }
    return results(events, handed);
  }

  private ProducerRecord<String, String> record(String event, String pipeline) {
    ProducerRecord<String, String> record = new ProducerRecord<>(topic, ServiceKey.of(event), event);
    if (pipeline != null) {
      record.headers().add(new RecordHeader(PIPELINE_HEADER, pipeline.getBytes(StandardCharsets.UTF_8)));
    }
    return record;
  }

  /** Every handed record's future is complete (after {@code flush}); those not handed are sent again. */
  private SendResult results(List<String> events, List<Future<RecordMetadata>> handed) {
    int accepted = 0;
    int rejected = 0;
    String firstRejection = null;
    String firstFailure = null;
    Throwable fatal = null;
    List<String> retry = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      Throwable failure = i < handed.size() ? failure(handed.get(i)) : null;
      if (i < handed.size() && failure == null) {
        accepted++;
      } else if (failure instanceof RecordTooLargeException || failure instanceof RecordBatchTooLargeException
          || failure instanceof InvalidRecordException) {
        rejected++;
        firstRejection = firstRejection == null ? reason(failure) : firstRejection;
      } else {
        retry.add(events.get(i));
        if (failure != null) {
          firstFailure = firstFailure == null ? reason(failure) : firstFailure;
          fatal = fatal == null && !recoverable(failure) ? failure : fatal;
        }
      }
    }
    if (fatal != null) {
      reopen(fatal);
    }
    if (accepted == 0 && rejected == 0) {
      return new SendResult.Retryable("kafka " + target + ": " + (firstFailure == null ? "not sent" : firstFailure),
          null);
    }
    return new SendResult.Delivered(accepted, rejected, firstRejection, retry, null);
  }

  /** Failures the same producer gets over: the cluster comes back, or its credentials are fixed. */
  private static boolean recoverable(Throwable failure) {
    return failure instanceof RetriableException || failure instanceof AuthenticationException
        || failure instanceof AuthorizationException;
  }

  /** The failure of a completed future, or null when it succeeded. */
  private static Throwable failure(Future<RecordMetadata> future) {
    try {
      future.get();
      return null;
    } catch (ExecutionException e) {
      return e.getCause() == null ? e : e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return e;
    }
  }

  /** Replaces a producer left in a state it cannot leave (a fatal idempotence error, a closed producer). */
  private void reopen(Throwable cause) {
    LOG.atWarn().addKeyValue("output", target).addKeyValue("error", reason(cause))
        .log("kafka producer failed beyond recovery; opening a new one, the batch is sent again");
    producer.close(Duration.ZERO);
    producer = open();
  }

  private static String reason(Throwable failure) {
    String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
    return text.length() <= MAX_REASON_CHARS ? text : text.substring(0, MAX_REASON_CHARS) + "...";
  }

  @Override
  public void close() {
    producer.close(CLOSE_WAIT);
  }
}
