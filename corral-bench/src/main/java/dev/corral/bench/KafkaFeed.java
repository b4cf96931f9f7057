package dev.corral.bench;

import dev.corral.testkafka.KafkaTestBroker;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka side of {@code corral bench --via kafka}: a broker (a one-node KRaft {@link KafkaTestBroker} started
 * for the run, or an existing one given by {@code --kafka-bootstrap}) and the dataset produced to a fresh topic
 * before the Corral node that consumes it starts, so that producing is timed apart from consuming. Each event is
 * one record keyed by its service, as {@code corral ship}'s Kafka output writes them (one service's order kept),
 * with the producer settings of a shipper: idempotent, acks=all, lz4 batches.
 *
 * <p>Not thread-safe: the benchmark's one thread drives it.
 */
final class KafkaFeed implements AutoCloseable {
  /** Where the broker's classpath file is, under the repository root (module corral-test-kafka). */
  static final String BROKER_CLASSPATH = "corral-test-kafka/target/kafka-broker.classpath";
  /** The service of an event line, its record key; canonical lines write it as a plain string. */
  private static final Pattern SERVICE = Pattern.compile("\"service\":\"((?:[^\"\\\\]|\\\\.)*)\"");
  /** A shipper's batching: a few milliseconds of linger fills batches of a few hundred events. */
  private static final int LINGER_MILLIS = 10;
  private static final int BATCH_BYTES = 256 * 1024;
  private static final double NANOS_PER_SECOND = 1e9;

  private final KafkaTestBroker broker;
  private final String bootstrapServers;
  private final int partitions;

  private KafkaFeed(KafkaTestBroker broker, String bootstrapServers, int partitions) {
    this.broker = broker;
    this.bootstrapServers = bootstrapServers;
    this.partitions = partitions;
  }

  /**
   * Uses the broker at {@code bootstrapServers} when not null, else starts one in {@code dir} with the broker
   * classpath file {@code brokerClasspath}.
   *
   * @param partitions partitions of each topic {@link #produce} creates
   */
  static KafkaFeed start(String bootstrapServers, Path brokerClasspath, Path dir, int partitions)
      throws IOException, InterruptedException {
    if (partitions < 1) {
      throw new IllegalArgumentException("--kafka-partitions (" + partitions + ") must be >= 1");
    }
    if (bootstrapServers != null) {
      return new KafkaFeed(null, bootstrapServers, partitions);
    }
    System.setProperty(KafkaTestBroker.CLASSPATH_PROPERTY, brokerClasspath.toString());
    KafkaTestBroker broker = KafkaTestBroker.start(dir);
    System.err.println("bench: Kafka broker on " + broker.bootstrapServers() + ", logs in " + dir.resolve("logs"));
    return new KafkaFeed(broker, broker.bootstrapServers(), partitions);
  }

  String bootstrapServers() {
    return bootstrapServers;
  }

  /** What producing the dataset to a topic took. */
  record Produced(String topic, int partitions, long events, long bytes, double seconds) {
    double eventsPerSecond() {
      return events / seconds;
    }
  }

  /**
   * Creates {@code topic} and produces every event of {@code dataset} to it, one record per event; returns once
   * the broker acknowledged them all.
   */
  Produced produce(Dataset dataset, String topic) throws IOException, InterruptedException {
    createTopic(topic);
    long events = 0;
    long bytes = 0;
    long start = System.nanoTime();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties())) {
      for (Path batch : dataset.batches()) {
        try (BufferedReader lines = Files.newBufferedReader(batch, StandardCharsets.UTF_8)) {
          for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.isBlank()) {
              continue;
            }
            Matcher service = SERVICE.matcher(line);
            producer.send(new ProducerRecord<>(topic, service.find() ? service.group(1) : null, line));
            events++;
            bytes += line.length() + 1;
          }
        }
      }
      producer.flush();
    }
    return new Produced(topic, partitions, events, bytes, (System.nanoTime() - start) / NANOS_PER_SECOND);
  }

  private void createTopic(String topic) throws IOException, InterruptedException {
    Properties properties = new Properties();
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(properties)) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    } catch (ExecutionException e) {
      throw new IOException("cannot create topic " + topic + " on " + bootstrapServers + ": " + e.getCause(), e);
    }
  }

  private Properties producerProperties() {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    properties.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MILLIS);
    properties.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES);
    properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return properties;
  }

  @Override
  public void close() throws InterruptedException {
    if (broker != null) {
      broker.close();
    }
  }
}
