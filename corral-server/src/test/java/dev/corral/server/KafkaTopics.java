package dev.corral.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Topics of a test broker: create one, produce to one, read one whole (for the tests of what Corral produces to Kafka). */
public final class KafkaTopics {
  /** Far above what a loaded 2-core machine needs to read a test topic; only a regression gets here. */
  private static final Duration BOUND = Duration.ofSeconds(60);

  private KafkaTopics() {}

  /** Creates {@code name} with {@code partitions} partitions (replication 1) and returns the name. */
  public static String create(String bootstrapServers, String name, int partitions) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
    }
    return name;
  }

  /** Produces each of {@code values} (no key) to {@code topic} and waits for the broker's acknowledgements. */
  public static void produce(String bootstrapServers, String topic, List<String> values) {
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
        new StringSerializer(), new StringSerializer())) {
      values.forEach(value -> producer.send(new ProducerRecord<>(topic, value)));
      producer.flush();
    }
  }

  /**
   * Reads {@code topic} from its beginning with a fresh consumer group until {@code enough} holds for what was read
   * and a poll finds nothing more; each partition's records in their order. Fails the test after the bound.
   */
  public static List<ConsumerRecord<String, String>> readAll(String bootstrapServers, String topic,
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
}
