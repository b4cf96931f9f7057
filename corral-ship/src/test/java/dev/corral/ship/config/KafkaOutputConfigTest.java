package dev.corral.ship.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaOutputConfigTest {
  @Test
  void readsTheTopicTheServersAndThePassedThroughProducerProperties() {
    OutputConfig output = ShipConfig.parse("""
        output:
          kafka:
            bootstrap_servers: "kafka-1:9092, kafka-2:9092"
            topic: logs.app
            security.protocol: SASL_SSL
            sasl.mechanism: SCRAM-SHA-512
            sasl.jaas.config: "ScramLoginModule required username=\\"ship\\" password=\\"hidden\\";"
            compression.type: zstd
            buffer.memory: 8388608
          batch_events: 500
          timeout: 5s
        inputs: []
        """).output();
    assertThat(output.format()).isEqualTo(OutputFormat.KAFKA);
    assertThat(output.url()).isNull();
    assertThat(output.target()).isEqualTo("kafka://kafka-1:9092, kafka-2:9092/logs.app");
    assertThat(output.batchEvents()).isEqualTo(500);
    assertThat(output.timeout()).isEqualTo(Duration.ofSeconds(5));
    KafkaOutputConfig kafka = output.kafka();
    assertThat(kafka.topic()).isEqualTo("logs.app");
    assertThat(kafka.properties()).containsAllEntriesOf(Map.of("security.protocol", "SASL_SSL",
        "sasl.mechanism", "SCRAM-SHA-512", "compression.type", "zstd", "buffer.memory", "8388608"));
    assertThat(kafka.toString()).doesNotContain("hidden").contains("sasl.jaas.config");
  }

  @Test
  void anEmptyTopicIsRefusedNamingTheField() {
    assertThatThrownBy(() -> parse("{bootstrap_servers: \"127.0.0.1:9092\", topic: \"\"}"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("output.kafka.topic is missing or empty");
    assertThatThrownBy(() -> parse("{bootstrap_servers: \"127.0.0.1:9092\"}"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("output.kafka.topic is missing or empty");
    assertThatThrownBy(() -> parse("{bootstrap_servers: \"127.0.0.1:9092\", topic: \"logs/app\"}"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'logs/app', not a Kafka topic name");
  }

  @Test
  void missingOrMalformedBootstrapServersAreRefused() {
    assertThatThrownBy(() -> parse("{topic: logs}"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("output.kafka.bootstrap_servers is missing");
    assertThatThrownBy(() -> parse("{bootstrap_servers: \"kafka-1\", topic: logs}"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'kafka-1', which is not host:port");
  }

  @Test
  void theSafeDeliverySettingsAreTheShippersAndTyposAreRefused() {
    assertThatThrownBy(() -> parse("{bootstrap_servers: \"127.0.0.1:9092\", topic: logs, acks: \"1\"}"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("output.kafka.acks is set by the shipper");
    assertThatThrownBy(() -> parse("{bootstrap_servers: \"127.0.0.1:9092\", topic: logs, enable.idempotence: false}"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("output.kafka.enable.idempotence is set by the shipper");
    assertThatThrownBy(() -> parse("{bootstrap_servers: \"127.0.0.1:9092\", topic: logs, security.protocl: SSL}"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("unknown setting output.kafka.security.protocl");
  }

  @Test
  void anHttpSettingBesideKafkaIsRefused() {
    assertThatThrownBy(() -> ShipConfig.parse("""
        output: {url: "http://127.0.0.1:8080", kafka: {bootstrap_servers: "127.0.0.1:9092", topic: logs}}
        inputs: []
        """)).isInstanceOf(ConfigException.class).hasMessageContaining("output.url is for an HTTP output");
  }

  private static OutputConfig parse(String kafka) {
    return ShipConfig.parse("output: {kafka: " + kafka + "}\ninputs: []\n").output();
  }
}
