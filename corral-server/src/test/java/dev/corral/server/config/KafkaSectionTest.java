package dev.corral.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kafka.* settings of the Kafka input: off by default, topics or a pattern, formats per topic, secrets hidden. */
class KafkaSectionTest {
  private static KafkaSection section(Map<String, String> settings) {
    return KafkaSection.from(ConfigLoader.load(null, Map.of(), settings));
  }

  @Test
  void offByDefaultWithTheDocumentedGroupAndFormat() {
    KafkaSection off = section(Map.of());
    assertThat(off.enabled()).isFalse();
    assertThat(off.groupId()).isEqualTo("corral");
    assertThat(off.format("any").raw()).isFalse();
    assertThat(off.clientId()).startsWith("corral-");
  }

  @Test
  void topicsFormatsAndClientPropertiesAreRead() {
    KafkaSection kafka = section(Map.of("kafka.bootstrap_servers", "k1:9092,k2:9092", "kafka.topics", "app,nginx",
        "kafka.formats", "nginx=raw:nginx,plain=raw", "kafka.client",
        "security.protocol=SASL_SSL,sasl.jaas.config=x required password=\"s3cr3t\";"));
    assertThat(kafka.bootstrapServers()).containsExactly("k1:9092", "k2:9092");
    assertThat(kafka.topics()).containsExactly("app", "nginx");
    assertThat(kafka.format("nginx")).isEqualTo(new KafkaSection.Format(true, "nginx"));
    assertThat(kafka.format("plain")).isEqualTo(new KafkaSection.Format(true, null));
    assertThat(kafka.format("app")).isEqualTo(new KafkaSection.Format(false, null));
    assertThat(kafka.client()).containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.jaas.config", "x required password=\"s3cr3t\";");
    assertThat(kafka.toString()).contains("sasl.jaas.config").doesNotContain("s3cr3t");
    assertThat(section(Map.of("kafka.bootstrap_servers", "k:9092", "kafka.topic_pattern", "logs-.*"))
        .topicPattern().matcher("logs-web").matches()).isTrue();
  }

  @Test
  void badValuesAreRefusedNamingTheSetting() {
    assertThatThrownBy(() -> section(Map.of("kafka.bootstrap_servers", "k:9092")))
        .hasMessageContaining("kafka.topics or kafka.topic_pattern, not neither");
    assertThatThrownBy(() -> section(Map.of("kafka.bootstrap_servers", "k:9092", "kafka.topics", "a",
        "kafka.topic_pattern", "b"))).hasMessageContaining("not both");
    assertThatThrownBy(() -> section(Map.of("kafka.topic_pattern", "(unclosed")))
        .hasMessageContaining("kafka.topic_pattern '(unclosed'");
    assertThatThrownBy(() -> section(Map.of("kafka.format", "avro"))).hasMessageContaining("kafka.format: format 'avro'");
    assertThatThrownBy(() -> section(Map.of("kafka.formats", "t=xml"))).hasMessageContaining("kafka.formats item t");
    assertThatThrownBy(() -> section(Map.of("kafka.client", "enable.auto.commit=true")))
        .hasMessageContaining("enable.auto.commit is set by Corral itself");
    assertThatThrownBy(() -> section(Map.of("kafka.client", "justakey")))
        .hasMessageContaining("kafka.client: item 1 is not key=value");
    for (String reserved : List.of("group.id", "bootstrap.servers")) {
      assertThatThrownBy(() -> section(Map.of("kafka.client", reserved + "=x"))).hasMessageContaining(reserved);
    }
  }
}
