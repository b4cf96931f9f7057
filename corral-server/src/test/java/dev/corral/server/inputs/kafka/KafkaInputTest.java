package dev.corral.server.inputs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.Await;
import dev.corral.server.KafkaTopics;
import dev.corral.server.SharedKafkaBroker;
import dev.corral.server.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka input against a real KRaft broker (one for the class): records in both formats come out as events
 * with their Kafka coordinates, poison records become dead letters naming topic/partition/offset while the rest of
 * their batch is stored, refusals of the sink pause partitions without losing or repeating a record, and a deleted
 * topic is reported while the others are read on.
 */
class KafkaInputTest {
  @RegisterExtension
  static final SharedKafkaBroker kafka = new SharedKafkaBroker();
  private final KafkaTopics topics = kafka.topics();

  @TempDir
  Path data;

  private TestServer start(Map<String, String> overrides) throws Exception {
    Map<String, String> settings = new HashMap<>(Map.of("kafka.bootstrap_servers", kafka.broker().bootstrapServers(),
        "kafka.group_id", "test-" + System.nanoTime()));
    settings.putAll(overrides);
    return TestServer.start(data, settings);
  }

  @Test
  void ndjsonAndRawRecordsBecomeEventsWithTheirKafkaCoordinates() throws Exception {
    topics.create("app-events", 2);
    topics.create("edge-access", 1);
    writeAccessPipeline();
    topics.send("app-events", 0, "checkout", "{\"service\":\"checkout\",\"message\":\"one\",\"order\":\"a1\"}");
    topics.send("app-events", 1, "checkout",
        "{\"service\":\"checkout\",\"message\":\"two\"}\n{\"service\":\"checkout\",\"message\":\"three\"}\n");
    topics.send("edge-access", 0, "edge", "GET /cart 200\nPOST /pay 502\n");
    try (TestServer server = start(Map.of("kafka.topics", "app-events,edge-access",
        "kafka.formats", "edge-access=raw:access"))) {
      JsonNode one = server.awaitTotal("service:checkout AND message:one", 1).path("events").get(0);
      assertThat(one.path("kafka.topic").asText()).isEqualTo("app-events");
      assertThat(one.path("kafka.partition").asLong()).isZero();
      assertThat(one.path("kafka.offset").asLong()).isZero();
      assertThat(one.path("order").asText()).isEqualTo("a1");
      server.awaitTotal("service:checkout AND kafka.partition:1 AND kafka.offset:0", 2);

      JsonNode failed = server.awaitTotal("service:edge AND http.response.status_code:502", 1).path("events").get(0);
      assertThat(failed.path("url.path").asText()).isEqualTo("/pay");
      assertThat(failed.path("kafka.topic").asText()).isEqualTo("edge-access");
      server.awaitTotal("service:edge AND http.request.method:GET", 1);

      JsonNode stats = server.get("/api/v1/stats").json().path("inputs").path("kafka");
      assertThat(stats.path("events").asLong()).isEqualTo(5);
      assertThat(stats.path("connection").asText()).isEqualTo("connected");
      assertThat(stats.path("records").asLong()).isEqualTo(3);
      String metrics = server.get("/metrics").body();
      assertThat(metrics)
          .contains("corral_kafka_consumer_lag_records{partition=\"1\",topic=\"app-events\"} 0.0")
          .contains("corral_ingest_events_total{input=\"kafka\"} 5.0")
          .contains("corral_kafka_records_total 3.0")
          .contains("corral_kafka_connected 1.0");
      for (String documented : documentedKafkaInputMetrics()) {
        assertThat(metrics).as("/metrics serves %s (docs/metrics.md, Kafka input)", documented)
            .containsPattern("(?m)^" + documented + "[ {]");
      }
    }
  }

  @Test
  void poisonRecordsBecomeDeadLettersNamingTheirOffsetAndTheRestOfTheBatchIsStored() throws Exception {
    topics.create("poison", 1);
    topics.send("poison", 0, null, "{\"service\":\"good\",\"message\":\"before\"}");
    topics.send("poison", 0, null, "this is not json");
    topics.send("poison", 0, null, new byte[] {'{', '"', 'm', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
    topics.send("poison", 0, null, "{\"service\":\"good\",\"message\":\"" + "x".repeat(3000) + "\"}");
    topics.send("poison", 0, null, "{\"service\":\"good\",\"message\":\"after\"}");
    try (TestServer server = start(Map.of("kafka.topics", "poison", "http.max_body_bytes", "2048",
        "ingest.max_event_bytes", "2048"))) {
      server.awaitTotal("service:good", 2);
      JsonNode deadLetters = server.awaitTotal("logtype:dead_letter AND dead_letter.input:kafka", 3);
      List<String> reasons = new ArrayList<>();
      deadLetters.path("events").forEach(event -> reasons.add(event.path("dead_letter.reason").asText()));
      assertThat(reasons).anyMatch(reason -> reason.startsWith("topic poison partition 0 offset 1 line 1:"));
      assertThat(reasons).anyMatch(reason -> reason.startsWith("topic poison partition 0 offset 2 line 1:"));
      assertThat(reasons).anyMatch(reason -> reason.startsWith("topic poison partition 0 offset 3: record is")
          && reason.contains("over the limit of 2048 (http.max_body_bytes)"));
      assertThat(server.search("logtype:dead_letter AND kafka.offset:3").path("total").asLong()).isEqualTo(1);
    }
  }

  @Test
  void refusedRecordsPauseThePartitionAndAreStoredOnceAfterwards() throws Exception {
    topics.create("busy", 1);
    int records = 2_600;
    for (int i = 0; i < records; i++) {
      topics.sendAsync("busy", "burst", "{\"service\":\"burst\",\"message\":\"m\",\"n\":\"" + i + "\"}");
    }
    topics.flush();
    // 1,000 events/s per service: a poll of 2,000 is taken into debt, the next is refused until the debt is paid
    try (TestServer server = start(Map.of("kafka.topics", "busy", "ingest.service_quota_default", "1000"))) {
      server.awaitTotal("service:burst", records);
      JsonNode stats = server.get("/api/v1/stats").json().path("inputs").path("kafka");
      assertThat(stats.path("pauses").asLong()).isPositive();
      assertThat(stats.path("events").asLong()).isEqualTo(records);
      StoredOnce.assertEachOnce("burst", "n", records, server);
    }
  }

  @Test
  void aDeletedTopicIsReportedAndTheOthersAreReadOn() throws Exception {
    topics.create("stays", 1);
    topics.create("goes", 1);
    try (TestServer server = start(Map.of("kafka.topics", "stays,goes"))) {
      topics.send("goes", 0, null, "{\"service\":\"goes\",\"message\":\"first\"}");
      server.awaitTotal("service:goes", 1);
      topics.delete("goes");
      topics.send("stays", 0, null, "{\"service\":\"stays\",\"message\":\"after the deletion\"}");
      server.awaitTotal("service:stays", 1);
      Await.until("the deleted topic in the stats (the input lists the topics every 5 s)",
          () -> kafkaStats(server).path("missing_topics").size() > 0);
      JsonNode stats = kafkaStats(server);
      assertThat(stats.path("missing_topics").toString()).isEqualTo("[\"goes\"]");
      assertThat(stats.path("connection").asText()).isEqualTo("connected");
    }
  }

  @Test
  void aRecordsPipelineHeaderPicksItsPipelineAndAHeaderNamingNoneIsThatRecordsDeadLetter() throws Exception {
    topics.create("shipped", 1);
    writeAccessPipeline();
    // what corral ship writes for an input with pipeline: access, then a typo, a header that is no id, and none
    topics.send(shipped("GET /cart 200", "access".getBytes(StandardCharsets.UTF_8)));
    topics.send(shipped("POST /pay 502", "acess".getBytes(StandardCharsets.UTF_8)));
    topics.send(shipped("PUT /bad 400", new byte[] {'a', (byte) 0xC3, (byte) 0x28}));
    topics.send(shipped("PUT /long 400", "p".repeat(300).getBytes(StandardCharsets.UTF_8)));
    topics.send(shipped("plain line", null));
    topics.send(shipped("DELETE /x 404", "access".getBytes(StandardCharsets.UTF_8)));
    try (TestServer server = start(Map.of("kafka.topics", "shipped"))) {
      server.awaitTotal("service:edge AND http.response.status_code:404 AND url.path:\"/x\"", 1);
      server.awaitTotal("service:edge AND http.request.method:GET AND kafka.offset:0", 1);
      JsonNode plain = server.awaitTotal("service:edge AND message:plain", 1).path("events").get(0);
      assertThat(plain.has("http.request.method")).as("a record without the header runs no pipeline").isFalse();
      assertThat(server.search("service:edge AND NOT logtype:dead_letter").path("total").asLong()).isEqualTo(3);

      JsonNode deadLetters = server.awaitTotal("logtype:dead_letter AND kafka.topic:shipped", 3);
      List<String> reasons = new ArrayList<>();
      deadLetters.path("events").forEach(event -> reasons.add(event.path("dead_letter.reason").asText()));
      assertThat(reasons).containsExactlyInAnyOrder(
          "topic shipped partition 0 offset 1: header corral.pipeline names pipeline 'acess', which does not exist"
              + " (GET /api/v1/pipelines lists them)",
          "topic shipped partition 0 offset 2: header corral.pipeline is not UTF-8",
          "topic shipped partition 0 offset 3: header corral.pipeline is 300 bytes, longer than a pipeline id"
              + " (255 at most)");
    }
  }

  /** Pipeline {@code access}: parses "METHOD PATH STATUS" out of {@code message}. */
  private void writeAccessPipeline() throws Exception {
    Files.createDirectories(data.resolve("pipelines"));
    Files.writeString(data.resolve("pipelines").resolve("access.yaml"), """
        id: access
        processors:
          - grok:
              field: message
              patterns: ['%{WORD:http.request.method} %{NOTSPACE:url.path} %{INT:http.response.status_code:int}']
        """);
  }

  /** An NDJSON record of service edge, with the pipeline header when {@code pipeline} is not null. */
  private static ProducerRecord<byte[], byte[]> shipped(String message, byte[] pipeline) {
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("shipped", 0, "edge".getBytes(StandardCharsets.UTF_8),
        ("{\"service\":\"edge\",\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    if (pipeline != null) {
      record.headers().add(KafkaRecordDecoder.PIPELINE_HEADER, pipeline);
    }
    return record;
  }

  /** The metrics the "Kafka input" section of docs/metrics.md lists. */
  private static List<String> documentedKafkaInputMetrics() throws Exception {
    String page = Files.readString(Path.of("..", "docs", "metrics.md"));
    String section = page.substring(page.indexOf("## Kafka input"));
    section = section.substring(0, section.indexOf("\n## ", 1));
    List<String> names = new ArrayList<>();
    java.util.regex.Matcher row = java.util.regex.Pattern.compile("(?m)^\\| `(corral_[a-z_]+)`").matcher(section);
    while (row.find()) {
      names.add(row.group(1));
    }
    assertThat(names).hasSizeGreaterThanOrEqualTo(7);
    return names;
  }

  private static JsonNode kafkaStats(TestServer server) {
    return server.get("/api/v1/stats").json().path("inputs").path("kafka");
  }
}
