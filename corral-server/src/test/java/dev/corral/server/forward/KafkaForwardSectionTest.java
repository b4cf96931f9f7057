package dev.corral.server.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.server.config.ConfigException;
import dev.corral.server.config.ConfigLoader;
import dev.corral.server.config.KafkaForwardSection;
import dev.corral.server.config.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaForwardSectionTest {
  @TempDir
  Path dir;

  @Test
  void offByDefaultAndOnWithATopicAndServers() throws Exception {
    assertThat(section("").enabled()).isFalse();
    KafkaForwardSection on = section("""
        kafka:
          bootstrap_servers: "kafka-1:9092,kafka-2:9092"
          forward_topic: corral.events
          client:
            - security.protocol=SASL_SSL
            - sasl.mechanism=PLAIN
            - 'sasl.jaas.config=PlainLoginModule required username="corral" password="hidden";'
            - group.id=x
        """);
    assertThat(on.enabled()).isTrue();
    assertThat(on.topic()).isEqualTo("corral.events");
    assertThat(on.producerProperties()).containsOnlyKeys("security.protocol", "sasl.mechanism", "sasl.jaas.config");
    assertThat(on.toString()).contains("sasl.jaas.config").doesNotContain("hidden");
    Map<Object, Object> properties = KafkaForwardService.producerProperties(on);
    assertThat(properties).containsEntry("acks", "all").containsEntry("enable.idempotence", "true")
        .containsEntry("bootstrap.servers", "kafka-1:9092,kafka-2:9092").containsEntry("security.protocol", "SASL_SSL");
  }

  @Test
  void aNodeMayForwardWithoutReadingAnyTopic() throws Exception {
    Path file = Files.writeString(dir.resolve("corral.yaml"), "kafka: {bootstrap_servers: \"k:9092\", forward_topic: events}\n");
    ServerConfig config = ServerConfig.from(ConfigLoader.load(file, Map.of(), Map.of()));
    assertThat(config.kafkaForward().enabled()).isTrue();
    assertThat(config.kafka().enabled()).as("the Kafka input, with no topic to read").isFalse();
  }

  @Test
  void aForwardTopicWithoutServersIsAClearError() {
    assertThatThrownBy(() -> section("kafka: {forward_topic: events}\n")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("kafka.forward_topic is 'events' but kafka.bootstrap_servers is empty");
  }

  @Test
  void aBadTopicNameOrServerIsRefusedNamingIt() {
    assertThatThrownBy(() -> section("kafka: {bootstrap_servers: \"k:9092\", forward_topic: \"a/b\"}\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("kafka.forward_topic is 'a/b'")
        .hasMessageContaining("not a Kafka topic name");
    assertThatThrownBy(() -> section("kafka: {bootstrap_servers: \"kafka-1\", forward_topic: events}\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'kafka-1'").hasMessageContaining("not host:port");
  }

  @Test
  void theSafeDeliverySettingsCannotBeChangedAndTyposAreRefused() {
    assertThatThrownBy(() -> section("""
        kafka: {bootstrap_servers: "k:9092", forward_topic: events, client: [acks=1]}
        """)).isInstanceOf(ConfigException.class).hasMessageContaining("kafka.client sets acks");
    assertThatThrownBy(() -> section("""
        kafka: {bootstrap_servers: "k:9092", forward_topic: events, client: [security.protocl=SSL]}
        """)).isInstanceOf(ConfigException.class).hasMessageContaining("'security.protocl'")
        .hasMessageContaining("no Kafka client property");
  }

  private KafkaForwardSection section(String yaml) throws Exception {
    Path file = Files.writeString(dir.resolve("corral.yaml"), yaml);
    return KafkaForwardSection.from(ConfigLoader.load(file, Map.of(), Map.of()));
  }
}
