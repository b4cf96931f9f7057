package dev.corral.ship.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The {@code output.kafka:} section: deliver each event as one record to a Kafka topic instead of over HTTP.
 *
 * <pre>{@code
 * output:
 *   kafka:
 *     bootstrap_servers: "kafka-1:9092,kafka-2:9092"
 *     topic: logs
 *     security.protocol: SASL_SSL          # any other Kafka producer property is passed through
 *     sasl.mechanism: SCRAM-SHA-512
 *     sasl.jaas.config: "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"ship\" password=\"...\";"
 * }</pre>
 *
 * <p>The properties that make delivery safe are the shipper's and are refused here ({@link #OWNED}): the producer
 * is always idempotent with {@code acks=all}. Every other key must be a Kafka producer property (a typo is refused
 * with the key's place, not ignored). {@link #toString()} never shows the passed-through values (they may hold
 * passwords).
 *
 * @param bootstrapServers comma-separated {@code host:port} of some brokers of the cluster
 * @param topic            the topic every event goes to
 * @param properties       producer properties passed through as written (security.protocol, sasl.*, ssl.*,
 *                         compression.type, buffer.memory, ...)
 */
public record KafkaOutputConfig(String bootstrapServers, String topic, Map<String, String> properties) {
  /** Kafka's own rule for a topic name (legal characters, at most 249 of them). */
  private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
  /** Set by the shipper: what makes each record acknowledged once, in order, by every in-sync replica. */
  static final Set<String> OWNED = Set.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ProducerConfig.ACKS_CONFIG,
      ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
      ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ProducerConfig.TRANSACTIONAL_ID_CONFIG,
      ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, ProducerConfig.RETRIES_CONFIG);

  public KafkaOutputConfig {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(topic, "topic");
    properties = Map.copyOf(properties);
  }

  static KafkaOutputConfig from(ConfigNode kafka) {
    String servers = kafka.text("bootstrap_servers", "").strip();
    if (servers.isEmpty()) {
      throw new ConfigException(kafka.field("bootstrap_servers") + " is missing or empty, for example"
          + " \"kafka-1:9092,kafka-2:9092\"");
    }
    for (String server : servers.split(",")) {
      if (!server.strip().matches(".+:\\d{1,5}")) {
        throw new ConfigException(kafka.field("bootstrap_servers") + " holds '" + server.strip()
            + "', which is not host:port");
      }
    }
    String topic = kafka.text("topic", "").strip();
    if (topic.isEmpty()) {
      throw new ConfigException(kafka.field("topic") + " is missing or empty: name the topic every event goes to");
    }
    if (!TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
      throw new ConfigException(kafka.field("topic") + " is '" + topic + "', not a Kafka topic name (letters, digits,"
          + " '.', '_' and '-', at most 249)");
    }
    return new KafkaOutputConfig(servers, topic, passedThrough(kafka));
  }

  private static Map<String, String> passedThrough(ConfigNode kafka) {
    Map<String, String> properties = new LinkedHashMap<>();
    Set<String> known = ProducerConfig.configNames();
    for (Iterator<Map.Entry<String, JsonNode>> fields = kafka.node().fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      if (name.equals("bootstrap_servers") || name.equals("topic")) {
        continue;
      }
      if (OWNED.contains(name)) {
        throw new ConfigException(kafka.field(name) + " is set by the shipper (idempotent producer, acks=all,"
            + " bootstrap_servers) and cannot be changed");
      }
      if (!known.contains(name)) {
        throw new ConfigException("unknown setting " + kafka.field(name) + ": neither bootstrap_servers, topic nor a"
            + " Kafka producer property (security.protocol, sasl.*, ssl.*, compression.type, ...)");
      }
      if (!field.getValue().isValueNode()) {
        throw new ConfigException(kafka.field(name) + " must be a single value, not " + field.getValue());
      }
      properties.put(name, field.getValue().asText());
    }
    return properties;
  }

  @Override
  public String toString() {
    return "KafkaOutputConfig[bootstrapServers=" + bootstrapServers + ", topic=" + topic + ", properties="
        + new TreeSet<>(properties.keySet()) + "]";
  }
}
