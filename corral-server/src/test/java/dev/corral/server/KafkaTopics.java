package dev.corral.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Test-side access to a test broker's plain listener: creates, deletes and rewinds topics, produces records, reads a
 * topic whole and reads a group's committed offsets, for the tests of what Corral reads from and writes to Kafka.
 * One admin client and one producer, opened once. Not thread-safe beyond what those clients are.
 */
public final class KafkaTopics implements AutoCloseable {
  /** Far above what a loaded 2-core machine needs to read a test topic; only a regression gets here. */
  private static final Duration BOUND = Duration.ofSeconds(60);
  private final String bootstrapServers;
  private final Admin admin;
  private final KafkaProducer<byte[], byte[]> producer;

  /** @param bootstrapServers the broker's PLAINTEXT listener */
  public KafkaTopics(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    producer = new KafkaProducer<>(properties);
  }

  /**
   * Creates {@code topic} (replication 1) and returns its name once every partition has a leader the producer
   * knows: a producer sending right after creation otherwise meets NOT_LEADER_OR_FOLLOWER, and its idempotent
   * retries can stall on sequence numbers.
   */
  public String create(String topic, int partitions) throws ExecutionException, InterruptedException {
    admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    Await.until("leaders for every partition of " + topic, () -> {
      try {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
            .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
      } catch (ExecutionException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    });
    Await.until("the producer knowing the leaders of " + topic,
        () -> producer.partitionsFor(topic).stream().allMatch(partition -> partition.leader() != null));
    return topic;
  }

  /**
   * Sets the group's committed offset of every partition of {@code topic} back to 0, as if its commits had been
   * lost (the group must have no member).
   */
  public void rewind(String group, String topic, int partitions) throws ExecutionException, InterruptedException {
    Map<TopicPartition, OffsetAndMetadata> zero = new HashMap<>();
    for (int partition = 0; partition < partitions; partition++) {
      zero.put(new TopicPartition(topic, partition), new OffsetAndMetadata(0));
    }
    admin.alterConsumerGroupOffsets(group, zero).all().get();
  }

  /** The offsets {@code group} committed, by partition; empty for a group that never committed. */
  public Map<TopicPartition, OffsetAndMetadata> committed(String group) throws ExecutionException,
      InterruptedException {
    return new HashMap<>(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get());
  }

  public void delete(String topic) throws ExecutionException, InterruptedException {
    admin.deleteTopics(List.of(topic)).all().get();
  }

  /** Sends one record to a partition (or the key's, when {@code partition} is null) and waits for the ack. */
  public void send(String topic, Integer partition, String key, byte[] value) throws ExecutionException,
      InterruptedException {
    producer.send(new ProducerRecord<>(topic, partition, bytes(key), value)).get();
  }

  public void send(String topic, Integer partition, String key, String value) throws ExecutionException,
      InterruptedException {
    send(topic, partition, key, value.getBytes(StandardCharsets.UTF_8));
  }

  /** Sends one record as it is (headers included) and waits for the ack. */
  public void send(ProducerRecord<byte[], byte[]> record) throws ExecutionException, InterruptedException {
    producer.send(record).get();
  }

  /** Sends without waiting for each ack; {@link #flush()} waits for all. */
  public void sendAsync(String topic, String key, String value) {
    producer.send(new ProducerRecord<>(topic, bytes(key), value.getBytes(StandardCharsets.UTF_8)));
  }

  /** Waits for the broker's acknowledgement of every record sent so far. */
  public void flush() {
    producer.flush();
  }

  /**
   * Reads {@code topic} from its beginning with a fresh consumer group until {@code enough} holds for what was read
   * and a poll finds nothing more; each partition's records in their order. Fails the test after the bound.
   */
  public List<ConsumerRecord<String, String>> readAll(String topic,
      Predicate<List<ConsumerRecord<String, String>>> enough) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + topic + "-" + System.nanoTime());
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
        new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + BOUND.toNanos();
      boolean complete = false;
      while (System.nanoTime() < deadline) {
        int polled = 0;
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          records.add(record);
          polled++;
        }
        if (complete && polled == 0) {
          return records;
        }
        complete = complete || enough.test(records);
      }
    }
    throw new AssertionError("the topic " + topic + " holds " + records.size() + " records, not what the test expects");
  }

  private static byte[] bytes(String key) {
    return key == null ? null : key.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    producer.close();
    admin.close();
  }
}
