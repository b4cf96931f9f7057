package dev.corral.ship.run;

import static dev.corral.ship.testing.ShipperStates.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.server.KafkaTopics;
import dev.corral.ship.config.ConfigException;
import dev.corral.ship.config.ShipConfig;
import dev.corral.ship.status.StatusReport;
import dev.corral.ship.testing.LogFiles;
import dev.corral.testkafka.KafkaTestBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code output.kafka} against a real one-node KRaft broker (one per class): a file's lines arrive on the topic
 * once each, keyed by service, in order per service; a broker killed mid-run loses nothing; a cluster that cannot be
 * reached is retried and named. The outage lasts {@code corral.ship.down_seconds} (5 s in {@code ./mvnw verify},
 * 60 s with {@code -Dcorral.perf=true}).
 */
class ShipToKafkaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long DOWN_SECONDS = Long.getLong("corral.ship.down_seconds",
      Boolean.getBoolean("corral.perf") ? 60 : 5);
  /** Lines the application writes per 100 ms while the broker is down. */
  private static final int LINES_PER_TICK = 50;
  private static final int PARTITIONS = 3;

  @TempDir
  static Path brokerDir;
  private static KafkaTestBroker broker;
  private static KafkaTopics topics;

  @TempDir
  Path dir;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = KafkaTestBroker.start(brokerDir);
    topics = new KafkaTopics(broker.bootstrapServers());
  }

  @AfterAll
  static void stopBroker() throws Exception {
    if (topics != null) {
      topics.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void everyLineArrivesOnceKeyedByItsServiceInOrderPerService() throws Exception {
    String topic = createTopic("ship-order");
    Path first = dir.resolve("first.log");
    Path second = dir.resolve("second.log");
    Map<String, Long> lines = new HashMap<>();
    for (int round = 0; round < 400; round++) {
      appendLine(first, "alpha", lines);
      appendLine(second, "beta", lines);
      appendLine(second, "gamma", lines);
      if (round % 10 == 0) {
        appendLine(first, null, lines);
      }
    }
    long total = lines.values().stream().mapToLong(Long::longValue).sum();
    Shipper shipper = Shipper.start(config(topic, "flush_interval: 50ms, batch_events: 300", "5s", first, second),
        new ConfiguredInputs());
    try {
      await(shipper, status -> fullyAcknowledged(status, first, second));
      List<ConsumerRecord<String, String>> records = consume(topic, total);
      assertThat(records).hasSize((int) total);
      Map<String, List<Long>> seqsByKey = new HashMap<>();
      Map<String, Integer> partitionOfKey = new HashMap<>();
      for (ConsumerRecord<String, String> record : records) {
        JsonNode event = JSON.readTree(record.value());
        String service = event.has("service") ? event.get("service").asText() : null;
        assertThat(record.key()).as("the key of %s", record.value()).isEqualTo(service);
        String key = String.valueOf(record.key());
        seqsByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(event.get("seq").asLong());
        if (record.key() != null) {
          assertThat(partitionOfKey.computeIfAbsent(key, k -> record.partition())).as("partition of " + key)
              .isEqualTo(record.partition());
        }
      }
      for (String service : List.of("alpha", "beta", "gamma")) {
        assertThat(seqsByKey.get(service)).as("the lines of %s, in the order written, each once", service)
            .containsExactlyElementsOf(LongStream.rangeClosed(1, lines.get(service)).boxed().toList());
      }
      assertThat(new TreeSet<>(seqsByKey.get("null")))
          .containsExactlyElementsOf(LongStream.rangeClosed(1, lines.get(null)).boxed().toList());
    } finally {
      shipper.stop(Duration.ofSeconds(5));
    }
  }

  @Test
  void nothingIsLostWhenTheBrokerDiesMidRunAndStartsAgain() throws Exception {
    String topic = createTopic("ship-outage");
    Path log = dir.resolve("app.log");
    long written = 1_000;
    LogFiles.append(log, "shipkafka", 1, written);
    Shipper shipper = Shipper.start(config(topic, "flush_interval: 100ms, batch_events: 200, timeout: 3s", "1s", log),
        new ConfiguredInputs());
    try {
      await(shipper, status -> fullyAcknowledged(status, log));
      broker.kill(); // as a crash or a cut network would end it, without a clean shutdown to wait for
      long downUntil = System.nanoTime() + Duration.ofSeconds(DOWN_SECONDS).toNanos();
      while (System.nanoTime() < downUntil) {
        LogFiles.append(log, "shipkafka", written + 1, written + LINES_PER_TICK);
        written += LINES_PER_TICK;
        Thread.sleep(100);
      }
      StatusReport whileDown = await(shipper, status -> status.spool().batches() > 0);
      assertThat(whileDown.lastError().message()).contains("kafka://" + broker.bootstrapServers() + "/" + topic);
      broker.start();
      LogFiles.append(log, "shipkafka", written + 1, written + 500);
      written += 500;
      StatusReport after = await(shipper, status -> status.spool().batches() == 0 && fullyAcknowledged(status, log),
          Duration.ofSeconds(60 + 2 * DOWN_SECONDS));
      assertThat(after.spool().droppedEvents()).isZero();
      List<Long> seqs = consume(topic, written).stream().map(ShipToKafkaTest::seqOf).toList();
      TreeSet<Long> distinct = new TreeSet<>(seqs);
      assertThat(distinct).as("every line written, before, during and after the outage")
          .containsExactlyElementsOf(LongStream.rangeClosed(1, written).boxed().toList());
      System.out.printf("kafka outage of %d s: %d lines, %d records on the topic (%d repeated)%n", DOWN_SECONDS,
          written, seqs.size(), seqs.size() - distinct.size());
    } finally {
      shipper.stop(Duration.ofSeconds(5));
      broker.start();
    }
  }

  @Test
  void anUnreachableClusterIsRetriedNamedInTheStatusAndNothingIsAcknowledged() throws Exception {
    int closedPort;
    try (ServerSocket free = new ServerSocket(0)) {
      closedPort = free.getLocalPort();
    }
    Path log = dir.resolve("app.log");
    LogFiles.append(log, "nowhere", 1, 20);
    Shipper shipper = Shipper.start(ShipConfig.parse("""
        output: {kafka: {bootstrap_servers: "127.0.0.1:%d", topic: logs}, flush_interval: 50ms, timeout: 1s}
        inputs: [{paths: ["%s"]}]
        registry: "%s"
        spool: {after: 10m}
        status: {listen: "off"}
        """.formatted(closedPort, log, dir.resolve("registry"))), new ConfiguredInputs());
    try {
      StatusReport status = await(shipper, report -> report.delivery().retries() >= 2);
      assertThat(status.lastError().message()).contains("kafka://127.0.0.1:" + closedPort + "/logs");
      assertThat(status.delivery().sentEvents()).isZero();
      assertThat(status.sources()).allSatisfy(source -> assertThat(source.acknowledged()).isZero());
    } finally {
      shipper.stop(Duration.ofMillis(200));
    }
  }

  @Test
  void aBootstrapServerThatDoesNotResolveFailsTheStartNamingIt() {
    assertThatThrownBy(() -> Shipper.start(ShipConfig.parse("""
        output: {kafka: {bootstrap_servers: "no-such-broker.invalid:9092", topic: logs}}
        inputs: []
        registry: "%s"
        status: {listen: "off"}
        """.formatted(dir.resolve("registry"))), new ConfiguredInputs()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("output.kafka (kafka://no-such-broker.invalid:9092/logs) cannot be used")
        .hasMessageContaining("bootstrap");
  }

  private static ShipConfig config(String topic, String output, String spoolAfter, Path... files) {
    List<String> paths = java.util.Arrays.stream(files).map(file -> "\"" + file + "\"").toList();
    return ShipConfig.parse("""
        output: {kafka: {bootstrap_servers: "%s", topic: %s}, %s}
        inputs: [{paths: [%s]}]
        registry: "%s"
        spool: {after: %s}
        status: {listen: "off"}
        """.formatted(broker.bootstrapServers(), topic, output, String.join(", ", paths),
        files[0].resolveSibling("registry"), spoolAfter));
  }

  /** Appends the next line of {@code service} (null: a line naming no service) with its own sequence number. */
  private static void appendLine(Path file, String service, Map<String, Long> lines) throws IOException {
    long seq = lines.merge(service, 1L, Long::sum);
    String line = service == null ? "{\"message\":\"no service " + seq + "\",\"seq\":" + seq + "}\n"
        : LogFiles.line(service, seq);
    Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static String createTopic(String name) throws Exception {
    return topics.create(name, PARTITIONS);
  }

  /** The topic's records once {@code expected} distinct lines (service and number) have arrived. */
  private static List<ConsumerRecord<String, String>> consume(String topic, long expected) {
    return topics.readAll(topic,
        records -> records.stream().map(r -> r.key() + "/" + seqOf(r)).distinct().count() >= expected);
  }

  private static long seqOf(ConsumerRecord<String, String> record) {
    try {
      return JSON.readTree(record.value()).get("seq").asLong();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean fullyAcknowledged(StatusReport status, Path... files) {
    if (status.sources().size() != files.length) {
      return false;
    }
    for (Path file : files) {
      long size;
      try {
        size = Files.size(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (status.sources().stream().noneMatch(s -> s.id().equals(file.toString()) && s.acknowledged() == size)) {
        return false;
      }
    }
    return true;
  }
}
