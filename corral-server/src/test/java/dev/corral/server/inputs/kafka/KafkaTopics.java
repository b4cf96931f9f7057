package dev.corral.server.inputs.kafka;

import dev.corral.testkafka.KafkaTestBroker;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Test-side access to a {@link KafkaTestBroker}: creates and deletes topics, produces records. */
final class KafkaTopics implements AutoCloseable {
  private final Admin admin;
  private final KafkaProducer<byte[], byte[]> producer;

  KafkaTopics(KafkaTestBroker broker) {
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    producer = new KafkaProducer<>(properties);
  }

  /**
   * Creates a topic and returns once every partition has a leader the producer knows: a producer sending right
   * after creation otherwise meets NOT_LEADER_OR_FOLLOWER, and its idempotent retries can stall on sequence numbers.
   */
  void create(String topic, int partitions) throws ExecutionException, InterruptedException {
    admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    while (!admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
        .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty())) {
      Thread.sleep(50);
    }
    while (producer.partitionsFor(topic).stream().anyMatch(partition -> partition.leader() == null)) {
      Thread.sleep(50);
    }
  }

  /**
   * Sets the group's committed offset of every partition of {@code topic} back to 0, as if its commits had been
   * lost (the group must have no member).
   */
  void rewind(String group, String topic, int partitions) throws ExecutionException, InterruptedException {
    java.util.Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> zero =
        new java.util.HashMap<>();
    for (int partition = 0; partition < partitions; partition++) {
      zero.put(new org.apache.kafka.common.TopicPartition(topic, partition),
          new org.apache.kafka.clients.consumer.OffsetAndMetadata(0));
    }
    admin.alterConsumerGroupOffsets(group, zero).all().get();
  }

  void delete(String topic) throws ExecutionException, InterruptedException {
    admin.deleteTopics(List.of(topic)).all().get();
  }

  /** Sends one record to a partition (or the key's, when {@code partition} is null) and waits for the ack. */
  void send(String topic, Integer partition, String key, byte[] value) throws ExecutionException, InterruptedException {
    producer.send(new ProducerRecord<>(topic, partition, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
        value)).get();
  }

  void send(String topic, Integer partition, String key, String value) throws ExecutionException, InterruptedException {
    send(topic, partition, key, value.getBytes(StandardCharsets.UTF_8));
  }

  /** Sends without waiting for each ack; {@link #flush()} waits for all. */
  void sendAsync(String topic, String key, String value) {
    producer.send(new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
        value.getBytes(StandardCharsets.UTF_8)));
  }

  /** Sends one record as it is (headers included) and waits for the ack. */
  void send(ProducerRecord<byte[], byte[]> record) throws ExecutionException, InterruptedException {
    producer.send(record).get();
  }

  void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close();
    admin.close();
  }
}
