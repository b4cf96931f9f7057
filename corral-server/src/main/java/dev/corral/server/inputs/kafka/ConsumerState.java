package dev.corral.server.inputs.kafka;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;

/**
 * What the Kafka input's consumer thread reports for stats and {@code /metrics}: whether the brokers answer,
 * the partitions it holds, paused and lagging, topics that are missing, and its counters. Written by the consumer
 * thread, read by any. Thread-safe.
 */
final class ConsumerState {
  /** Where the consumer stands with the brokers. */
  enum Connection {
    /** Not yet tried. */
    STARTING,
    /** The last metadata request was answered. */
    CONNECTED,
    /** The last metadata request timed out: no broker of {@code kafka.bootstrap_servers} answered. */
    UNREACHABLE,
    /**
     * A broker refused the consumer's credentials (SASL) or the TLS handshake failed (an untrusted certificate, a
     * name it does not carry): fixing {@code kafka.client} is needed; the consumer retries meanwhile.
     */
    AUTHENTICATION_FAILED,
    /** Stopped. */
    STOPPED
  }

  private volatile Connection connection = Connection.STARTING;
  private volatile String lastError = "";
  private volatile Set<String> missingTopics = Set.of();
  private final Map<TopicPartition, Long> lag = new ConcurrentHashMap<>();
  private final Set<TopicPartition> paused = ConcurrentHashMap.newKeySet();
  private final AtomicLong records = new AtomicLong();
  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong commitFailures = new AtomicLong();
  private final AtomicLong pauses = new AtomicLong();
  private final AtomicLong rebalances = new AtomicLong();

  Connection connection() {
    return connection;
  }

  void connection(Connection connection, String error) {
    this.connection = connection;
    this.lastError = error;
  }

  Set<String> missingTopics() {
    return missingTopics;
  }

  void missingTopics(Set<String> topics) {
    missingTopics = Set.copyOf(topics);
  }

  void read(int count) {
    records.addAndGet(count);
  }

  void committed() {
    commits.incrementAndGet();
  }

  void commitFailed() {
    commitFailures.incrementAndGet();
  }

  void rebalanced() {
    rebalances.incrementAndGet();
  }

  void paused(TopicPartition partition) {
    if (paused.add(partition)) {
      pauses.incrementAndGet();
    }
  }

  void resumed(TopicPartition partition) {
    paused.remove(partition);
  }

  void lag(TopicPartition partition, long records) {
    lag.put(partition, records);
  }

  /** Forgets a partition that left this consumer (revoked, lost). */
  void released(TopicPartition partition) {
    lag.remove(partition);
    paused.remove(partition);
  }

  long records() {
    return records.get();
  }

  long commits() {
    return commits.get();
  }

  long commitFailures() {
    return commitFailures.get();
  }

  long pauses() {
    return pauses.get();
  }

  int pausedPartitions() {
    return paused.size();
  }

  /** Each held partition's lag in records, as far as the consumer knows it. */
  Map<TopicPartition, Long> lag() {
    return Map.copyOf(lag);
  }

  /** The JSON-ready stats of the consumer (without the ingest counts). */
  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("connection", connection.name().toLowerCase(java.util.Locale.ROOT));
    if (!lastError.isEmpty()) {
      json.put("last_error", lastError);
    }
    json.put("records", records.get());
    json.put("commits", commits.get());
    json.put("commit_failures", commitFailures.get());
    json.put("rebalances", rebalances.get());
    json.put("pauses", pauses.get());
    json.put("missing_topics", new ArrayList<>(new java.util.TreeSet<>(missingTopics)));
    Map<String, Object> partitions = new TreeMap<>();
    lag.forEach((partition, records) -> {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("lag_records", records);
      one.put("paused", paused.contains(partition));
      partitions.put(partition.topic() + "/" + partition.partition(), one);
    });
    json.put("partitions", partitions);
    return json;
  }

  /** The partitions held now, for tests and logs. */
  List<TopicPartition> held() {
    return List.copyOf(lag.keySet());
  }
}
