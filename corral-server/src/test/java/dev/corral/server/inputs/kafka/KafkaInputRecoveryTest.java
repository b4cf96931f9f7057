package dev.corral.server.inputs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.Await;
import dev.corral.server.KafkaTopics;
import dev.corral.server.SharedKafkaBroker;
import dev.corral.server.TestServer;
import dev.corral.testkafka.KafkaTestBroker;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka input across interruptions, against one real broker for the class: a server stopped mid-stream and
 * started again, two servers sharing a consumer group while it rebalances, and brokers unreachable when the server
 * starts. Every record carries a unique id; each test counts them: every record is stored exactly once.
 */
class KafkaInputRecoveryTest {
  @RegisterExtension
  static final SharedKafkaBroker kafka = new SharedKafkaBroker();
  private final KafkaTestBroker broker = kafka.broker();
  private final KafkaTopics topics = kafka.topics();

  @TempDir
  Path data;

  private Map<String, String> settings(String topic, String group) {
    return Map.of("kafka.bootstrap_servers", broker.bootstrapServers(), "kafka.topics", topic, "kafka.group_id", group,
        "store.commit_interval", "200ms");
  }

  private void produce(String topic, String service, int from, int to) {
    for (int i = from; i < to; i++) {
      topics.sendAsync(topic, service + "-" + (i % 7), "{\"service\":\"" + service + "\",\"message\":\"m\",\"id\":\""
          + service + "-" + i + "\"}");
    }
    topics.flush();
  }

  @Test
  void aServerStoppedMidStreamResumesWhereItsWalEndsWithEveryRecordOnce() throws Exception {
    topics.create("restart", 3);
    int records = 3000;
    Map<String, String> settings = settings("restart", "restart-group");
    try (TestServer server = TestServer.start(data, settings)) {
      produce("restart", "restart", 0, records / 2);
      awaitAtLeast(server, "service:restart", 1);
    }
    // as if the commits had been lost (a kill -9 between the WAL fsync and the commit): the WAL decides
    topics.rewind("restart-group", "restart", 3);
    produce("restart", "restart", records / 2, records);
    try (TestServer server = TestServer.start(data, settings)) {
      server.awaitTotal("service:restart", records);
      StoredOnce.assertEachOnce("restart", "id", records, server);
    }
  }

  @Test
  void twoServersInOneGroupStoreEveryRecordOnceAcrossARebalance(@TempDir Path second) throws Exception {
    topics.create("shared", 3);
    int records = 2000;
    Map<String, String> settings = settings("shared", "shared-group");
    try (TestServer first = TestServer.start(data, settings)) {
      produce("shared", "shared", 0, records / 2);
      awaitAtLeast(first, "service:shared", 1);
      try (TestServer other = TestServer.start(second, settings)) {
        awaitPartitions(other);
        produce("shared", "shared", records / 2, records);
        awaitSum("service:shared", records, first, other);
        StoredOnce.assertEachOnce("shared", "id", records, first, other);
        assertThat(other.search("service:shared").path("total").asLong()).as("the second node stored its part")
            .isPositive();
      }
    }
  }

  @Test
  void unreachableBrokersAtStartAreReportedAndReadOnceTheyAnswer() throws Exception {
    topics.create("late", 1);
    produce("late", "late", 0, 10);
    broker.stop();
    try (TestServer server = TestServer.start(data, settings("late", "late-group"))) {
      JsonNode stats = awaitConnection(server, "unreachable");
      assertThat(stats.path("last_error").asText()).contains("no broker of kafka.bootstrap_servers answered");
      assertThat(server.get("/metrics").body()).contains("corral_kafka_connected 0.0");
      broker.start();
      server.awaitTotal("service:late", 10);
      awaitConnection(server, "connected");
      StoredOnce.assertEachOnce("late", "id", 10, server);
    } finally {
      broker.start();
    }
  }

  /** Waits until the group has given {@code server} partitions (the rebalance after it joined is over). */
  private static void awaitPartitions(TestServer server) throws InterruptedException {
    Await.until("partitions for the second node", () -> kafkaStats(server).path("partitions").size() > 0);
  }

  private static JsonNode awaitConnection(TestServer server, String connection) throws InterruptedException {
    Await.until("the Kafka input's connection " + connection,
        () -> kafkaStats(server).path("connection").asText().equals(connection));
    return kafkaStats(server);
  }

  private static void awaitAtLeast(TestServer server, String query, long least) throws InterruptedException {
    Await.until(query + " matching " + least + " events", () -> server.search(query).path("total").asLong() >= least);
  }

  private static void awaitSum(String query, long expected, TestServer... servers) throws InterruptedException {
    Await.until(query + " matching " + expected + " events over the servers", () -> {
      long sum = 0;
      for (TestServer server : servers) {
        sum += server.search(query).path("total").asLong();
      }
      return sum == expected;
    });
  }

  private static JsonNode kafkaStats(TestServer server) {
    return server.get("/api/v1/stats").json().path("inputs").path("kafka");
  }
}
