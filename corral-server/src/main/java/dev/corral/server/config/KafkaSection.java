package dev.corral.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code kafka.*} settings of the Kafka input: where the brokers are, which topics it reads and how, its
 * consumer group, and the Kafka client properties passed through (TLS, SASL). With no bootstrap servers the input
 * is off.
 *
 * @param bootstrapServers {@code kafka.bootstrap_servers}; empty turns the input off
 * @param topics {@code kafka.topics}, or empty when {@code topicPattern} is given
 * @param topicPattern {@code kafka.topic_pattern}, or null when {@code topics} are given
 * @param groupId {@code kafka.group_id}
 * @param clientId {@code kafka.client_id}, {@code corral-<host name>} when not set
 * @param defaultFormat {@code kafka.format}
 * @param formats {@code kafka.formats}: topic to format
 * @param client {@code kafka.client}: Kafka consumer property to value (values may be secrets: never log them)
 */
public record KafkaSection(List<String> bootstrapServers, List<String> topics, Pattern topicPattern, String groupId,
    String clientId, Format defaultFormat, Map<String, Format> formats, Map<String, String> client) {
  /** The consumer properties Corral sets itself: overriding them would break delivery or exactly once. */
  public static final Set<String> RESERVED_CLIENT_PROPERTIES = Set.of("bootstrap.servers", "group.id", "client.id",
      "enable.auto.commit", "key.deserializer", "value.deserializer");

  /**
   * How the records of one topic are read.
   *
   * @param raw false: each record is one JSON event or NDJSON lines; true: each line of it is one raw text event
   * @param pipeline for raw records, the pipeline every line runs through, or null for the input's default
   */
  public record Format(boolean raw, String pipeline) {
    /** Reads {@code ndjson}, {@code raw} or {@code raw:PIPELINE}; {@code setting} names the key in the error. */
    static Format parse(String text, String setting) {
      String value = text.trim();
      if (value.equals("ndjson")) {
        return new Format(false, null);
      }
      if (value.equals("raw")) {
        return new Format(true, null);
      }
      if (value.startsWith("raw:") && value.length() > "raw:".length()) {
        return new Format(true, value.substring("raw:".length()));
      }
      throw new ConfigException(setting + ": format '" + value + "' is not one of ndjson, raw, raw:PIPELINE");
    }
  }

  public KafkaSection {
    bootstrapServers = List.copyOf(bootstrapServers);
    topics = List.copyOf(topics);
    formats = Map.copyOf(formats);
    client = Map.copyOf(client);
    if (!bootstrapServers.isEmpty() && topics.isEmpty() == (topicPattern == null)) {
      throw new ConfigException("kafka.bootstrap_servers is set (" + String.join(",", bootstrapServers) + "): give "
          + "either kafka.topics or kafka.topic_pattern, " + (topics.isEmpty() ? "not neither" : "not both"));
    }
    if (groupId.isBlank()) {
      throw new ConfigException("kafka.group_id must not be empty");
    }
    for (String key : client.keySet()) {
      if (RESERVED_CLIENT_PROPERTIES.contains(key)) {
        throw new ConfigException("kafka.client: " + key + " is set by Corral itself (from kafka.* settings, or fixed "
            + "for exactly-once delivery); remove it");
      }
    }
  }

  /** The settings without the values of {@code kafka.client}, which may hold secrets (SASL, TLS passwords). */
  @Override
  public String toString() {
    return "KafkaSection[bootstrapServers=" + bootstrapServers + ", topics=" + topics + ", topicPattern="
        + topicPattern + ", groupId=" + groupId + ", clientId=" + clientId + ", defaultFormat=" + defaultFormat
        + ", formats=" + formats + ", client=" + client.keySet() + " (values hidden)]";
  }

  /** Whether the Kafka input is on. */
  public boolean enabled() {
    return !bootstrapServers.isEmpty();
  }

  /** How the records of {@code topic} are read. */
  public Format format(String topic) {
    return formats.getOrDefault(topic, defaultFormat);
  }

  /** Reads the {@code kafka.*} settings of the input. */
  public static KafkaSection from(ConfigValues values) {
    String pattern = values.text(Settings.KAFKA_TOPIC_PATTERN).trim();
    Pattern topicPattern = null;
    if (!pattern.isEmpty()) {
      try {
        topicPattern = Pattern.compile(pattern);
      } catch (PatternSyntaxException e) {
        throw new ConfigException("kafka.topic_pattern '" + pattern + "' is not a regular expression: "
            + e.getDescription());
      }
    }
    Map<String, Format> formats = new LinkedHashMap<>();
    items(values, Settings.KAFKA_FORMATS).forEach((topic, format) ->
        formats.put(topic, Format.parse(format, "kafka.formats item " + topic)));
    String clientId = values.text(Settings.KAFKA_CLIENT_ID).trim();
    List<String> servers = values.list(Settings.KAFKA_BOOTSTRAP_SERVERS);
    if (values.list(Settings.KAFKA_TOPICS).isEmpty() && topicPattern == null
        && !values.text(Settings.KAFKA_FORWARD_TOPIC).isBlank()) {
      servers = List.of(); // a node that only forwards (KafkaForwardSection) names the cluster but reads no topic
    }
    return new KafkaSection(servers, values.list(Settings.KAFKA_TOPICS),
        topicPattern, values.text(Settings.KAFKA_GROUP_ID).trim(), clientId.isEmpty() ? "corral-" + hostName() : clientId,
        Format.parse(values.text(Settings.KAFKA_FORMAT), "kafka.format"), formats,
        items(values, Settings.KAFKA_CLIENT));
  }

  /** The key=value items of a list setting, in order; an item without '=' is an error naming it (not its value). */
  static Map<String, String> items(ConfigValues values, Setting setting) {
    Map<String, String> items = new LinkedHashMap<>();
    int number = 0;
    for (String item : values.list(setting)) {
      number++;
      int equals = item.indexOf('=');
      if (equals <= 0) {
        throw new ConfigException(setting.key() + ": item " + number + " is not key=value");
      }
      items.put(item.substring(0, equals).trim(), item.substring(equals + 1).trim());
    }
    return items;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }
}
