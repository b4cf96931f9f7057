package dev.corral.testkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One broker for the whole contract (a start costs seconds): records survive a kill, and the secure listeners take
 * SASL PLAIN, SCRAM-SHA-512 and TLS clients while refusing a wrong password and a CA that did not sign the broker.
 */
class KafkaTestBrokerTest {
  private static final String TOPIC = "smoke";
  private static final SecureListeners USERS = new SecureListeners(Map.of("alice", "alice-secret"));

  @Test
  void aProducedRecordIsConsumedThroughEveryListenerAndSurvivesABrokerKill(@TempDir Path dir) throws Exception {
    try (KafkaTestBroker broker = KafkaTestBroker.start(dir, Map.of(), USERS)) {
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
      }
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(broker.producerProperties())) {
        for (int i = 0; i < 3; i++) producer.send(new ProducerRecord<>(TOPIC, "key-" + i, "value-" + i)).get();
      }
      assertThat(consumeAll(broker, 3)).containsExactlyInAnyOrder("value-0", "value-1", "value-2");
      for (String mechanism : List.of("PLAIN", "SCRAM-SHA-512")) {
        assertThat(consumeAll(broker.saslBootstrapServers(), sasl(mechanism, "alice-secret"), 3)).as(mechanism)
            .containsExactlyInAnyOrder("value-0", "value-1", "value-2");
      }
      assertThat(consumeAll(broker.sslBootstrapServers(), tls(broker.caCertificate()), 3))
          .containsExactlyInAnyOrder("value-0", "value-1", "value-2");

      String before = broker.bootstrapServers();
      broker.kill();
      assertThat(broker.isRunning()).isFalse();
      broker.start();

      assertThat(broker.bootstrapServers()).isEqualTo(before);
      assertThat(consumeAll(broker, 3)).containsExactlyInAnyOrder("value-0", "value-1", "value-2");
      assertThat(consumeAll(broker.saslBootstrapServers(), sasl("SCRAM-SHA-512", "alice-secret"), 3))
          .as("SCRAM credentials survive the restart").hasSize(3);

      assertThatThrownBy(() -> consumeAll(broker.saslBootstrapServers(), sasl("SCRAM-SHA-512", "wrong"), 1))
          .isInstanceOf(SaslAuthenticationException.class);
      assertThatThrownBy(() -> consumeAll(broker.saslBootstrapServers(), sasl("PLAIN", "wrong"), 1))
          .isInstanceOf(SaslAuthenticationException.class);
      Path foreignCa = BrokerCertificate.create(dir.resolve("foreign")).ca(); // a CA that never signed this broker
      assertThatThrownBy(() -> consumeAll(broker.sslBootstrapServers(), tls(foreignCa), 1))
          .isInstanceOf(SslAuthenticationException.class);
    }
  }

  @Test
  void usersThatCannotBeWrittenUnquotedAreRefused() {
    assertThatThrownBy(() -> new SecureListeners(Map.of())).hasMessageContaining("at least one user");
    assertThatThrownBy(() -> new SecureListeners(Map.of("bob", "pass\"word;")))
        .hasMessageContaining("the password of user 'bob'").hasMessageNotContaining("word;");
    assertThatThrownBy(() -> new SecureListeners(Map.of("bob smith", "x"))).hasMessageContaining("'bob smith'");
  }


  private static Map<String, String> sasl(String mechanism, String password) {
    String module = mechanism.equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule"
        : "org.apache.kafka.common.security.scram.ScramLoginModule";
    return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", mechanism,
        "sasl.jaas.config", module + " required username=\"alice\" password=\"" + password + "\";");
  }

  private static Map<String, String> tls(Path ca) {
    return Map.of("security.protocol", "SSL", "ssl.truststore.type", "PEM", "ssl.truststore.location", ca.toString());
  }

  private static List<String> consumeAll(KafkaTestBroker broker, int expected) {
    return consumeAll(broker.bootstrapServers(), Map.of(), expected);
  }

  /** Reads the topic from the beginning with a fresh group until {@code expected} records have arrived. */
  private static List<String> consumeAll(String bootstrapServers, Map<String, String> security, int expected) {
    Properties properties = new Properties();
    properties.putAll(security);
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, "smoke-" + System.nanoTime());
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
      consumer.subscribe(List.of(TOPIC));
      while (values.size() < expected) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) values.add(record.value());
      }
    }
    return values;
  }
}
