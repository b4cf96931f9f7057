package dev.corral.server.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The {@code kafka.*} settings of the forwarding to a topic ({@code kafka.forward_topic}, docs/scale-out.md "Kafka
 * output"): the cluster ({@code kafka.bootstrap_servers}, shared with the Kafka input, {@link KafkaSection}), the
 * client properties passed through ({@code kafka.client}, {@code key=value} items, shared too) and the topic. A node
 * may forward without reading any topic: then the Kafka input stays off. {@link #toString()} never shows a property's value (a
 * SASL password is one).
 *
 * @param bootstrapServers comma-separated {@code host:port}, or empty
 * @param clientProperties Kafka client properties as written; the producer takes those that are producer properties
 * @param topic the topic every received event is forwarded to; empty turns forwarding off
 */
public record KafkaForwardSection(String bootstrapServers, Map<String, String> clientProperties, String topic) {
  /** Kafka's own rule for a topic name (legal characters, at most 249 of them). */
  private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
  /** Set by the forwarder itself: an idempotent producer, acknowledged by every in-sync replica. */
  public static final Set<String> FORWARDER_OWNED = Set.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
      ProducerConfig.ACKS_CONFIG, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, ProducerConfig.TRANSACTIONAL_ID_CONFIG,
      ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
      ProducerConfig.RETRIES_CONFIG, ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION);

  public KafkaForwardSection {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(topic, "topic");
    clientProperties = Map.copyOf(clientProperties);
  }

  /** Reads and validates the settings; forwarding on without a cluster, or a bad topic name, is an error. */
  public static KafkaForwardSection from(ConfigValues values) {
    String servers = String.join(",", values.list(Settings.KAFKA_BOOTSTRAP_SERVERS));
    String topic = values.text(Settings.KAFKA_FORWARD_TOPIC).trim();
    if (topic.isEmpty()) {
      return new KafkaForwardSection(servers, Map.of(), "");
    }
    Map<String, String> properties = clientProperties(values);
    if (!TOPIC_NAME.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
      throw new ConfigException("kafka.forward_topic is '" + topic + "' (from "
          + values.source(Settings.KAFKA_FORWARD_TOPIC) + "), not a Kafka topic name: letters, digits, '.', '_' and"
          + " '-', at most 249");
    }
    if (servers.isEmpty()) {
      throw new ConfigException("kafka.forward_topic is '" + topic + "' but kafka.bootstrap_servers is empty: name"
          + " some brokers of the cluster, for example kafka-1:9092,kafka-2:9092");
    }
    for (String server : servers.split(",")) {
      if (!server.trim().matches(".+:\\d{1,5}")) {
        throw new ConfigException("kafka.bootstrap_servers holds '" + server.trim() + "' (from "
            + values.source(Settings.KAFKA_BOOTSTRAP_SERVERS) + "), which is not host:port");
      }
    }
    for (String name : properties.keySet()) {
      if (FORWARDER_OWNED.contains(name)) {
        throw new ConfigException("kafka.client sets " + name + ", which the forwarding to kafka.forward_topic sets"
            + " itself (idempotent producer, acks=all, kafka.bootstrap_servers)");
      }
    }
    return new KafkaForwardSection(servers, properties, topic);
  }

  /** The {@code key=value} items of {@code kafka.client}; a name no Kafka client knows is an error. */
  private static Map<String, String> clientProperties(ConfigValues values) {
    Map<String, String> merged = KafkaSection.items(values, Settings.KAFKA_CLIENT);
    for (String name : merged.keySet()) {
      if (!ProducerConfig.configNames().contains(name) && !ConsumerConfig.configNames().contains(name)) {
        throw new ConfigException("kafka.client names '" + name + "' (from " + values.source(Settings.KAFKA_CLIENT)
            + "), which is no Kafka client property (security.protocol, sasl.mechanism, ssl.truststore.location, ...)");
      }
    }
    return merged;
  }

  /** Whether events are forwarded. */
  public boolean enabled() {
    return !topic.isEmpty();
  }

  /** The properties a producer takes, of those passed through. */
  public Map<String, String> producerProperties() {
    Map<String, String> producer = new LinkedHashMap<>();
    clientProperties.forEach((name, value) -> {
      if (ProducerConfig.configNames().contains(name)) {
        producer.put(name, value);
      }
    });
    return producer;
  }

  @Override
  public String toString() {
    return "KafkaForwardSection[bootstrapServers=" + bootstrapServers + ", clientProperties="
        + new TreeSet<>(clientProperties.keySet()) + ", topic=" + topic + "]";
  }
}
