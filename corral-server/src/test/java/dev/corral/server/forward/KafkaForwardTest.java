package dev.corral.server.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.server.Await;
import dev.corral.server.LogOutput;
import dev.corral.server.SharedKafkaBroker;
import dev.corral.server.TestServer;
import dev.corral.testkafka.KafkaTestBroker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kafka.forward_topic} against a real one-node KRaft broker (the test JVM's shared one): events ingested over HTTP are
 * on the topic keyed by service, in order per service, and those the Kafka input read are not; the broker killed
 * and the server killed with kill -9 meanwhile loses nothing (repeats are allowed: at least once); an unreachable
 * cluster is retried and named, a server name that does not resolve fails the start. By state, not timing.
 */
class KafkaForwardTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> SERVICES = List.of("svc-a", "svc-b", "svc-c");
  /** Short producer timeouts, so a stopped broker is a failing send within seconds. */
  private static final String FAST_FAILURES = "[delivery.timeout.ms=3000, request.timeout.ms=1000, max.block.ms=1000]";

  @RegisterExtension
  static final SharedKafkaBroker kafka = new SharedKafkaBroker();
  private final KafkaTestBroker broker = kafka.broker();

  @TempDir
  Path dir;
  private Process child;
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void killChild() throws Exception {
    if (child != null) {
      child.destroyForcibly().waitFor();
    }
  }

  @Test
  void everyEventIngestedOverHttpIsOnTheTopicKeyedByItsServiceInOrderAndNoneTheKafkaInputRead() throws Exception {
    String topic = createTopic("fwd-order");
    String upstream = createTopic("fwd-upstream");
    Map<String, Integer> written = new HashMap<>();
    Path config = Files.writeString(dir.resolve("corral.yaml"), Files.readString(config(broker.bootstrapServers(), topic))
        + "  topics: [" + upstream + "]\n");
    try (TestServer server = TestServer.start(dir.resolve("data"), config, Map.of())) {
      IntStream.range(0, 30).forEach(n -> kafka.topics().sendAsync(upstream, null,
          "{\"service\":\"svc-in\",\"message\":\"read by the kafka input " + n + "\"}"));
      kafka.topics().flush();
      server.awaitTotal("service:svc-in", 30); // the node's own Kafka input stored them: they must not loop back
      for (int request = 0; request < 20; request++) {
        assertThat(server.ingest(events(written, 50)).status()).isEqualTo(200);
        if (request % 5 == 0) {
          assertThat(server.ingest(fromKafkaInput(request)).status()).isEqualTo(200);
        }
      }
      Await.until("every event forwarded", () -> {
        JsonNode stats = forwardStats(server.get("/api/v1/stats").json());
        return stats.get("forwarded_events").asLong() == 1000 && stats.get("lag_records").asLong() == 0;
      });
      JsonNode stats = forwardStats(server.get("/api/v1/stats").json());
      assertThat(stats.get("state").asText()).isEqualTo("following");
      assertThat(stats.get("skipped_events").asLong()).as("the events the Kafka input read, and those claiming to be")
          .isEqualTo(30 + 4 * 3);
      assertThat(server.get("/metrics").body()).contains("corral_kafka_forward_events_total 1000.0");
    }
    Map<String, List<Integer>> seqsByKey = new HashMap<>();
    for (ConsumerRecord<String, String> record : consume(topic, 1000)) {
      String message = JSON.readTree(record.value()).get("message").asText();
      String[] parts = message.split(" ");
      assertThat(record.key()).as("the key of %s", record.value()).isEqualTo(parts[0]);
      seqsByKey.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
    }
    assertThat(seqsByKey).containsOnlyKeys(SERVICES);
    for (String service : SERVICES) {
      assertThat(seqsByKey.get(service)).as("the events of %s in the order ingested, each once", service)
          .containsExactlyElementsOf(IntStream.rangeClosed(1, written.get(service)).boxed().toList());
    }
  }

  /**
   * A measurement, not a threshold: events/s the forwarding sustains behind HTTP ingest, on demand only
   * ({@code -Dcorral.perf=true [-Dcorral.forward.events=1000000]}); the figure goes to docs/scale-out.md.
   */
  @Test
  @EnabledIfSystemProperty(named = "corral.perf", matches = "true")
  void measuresForwardedEventsPerSecond() throws Exception {
    int total = Integer.getInteger("corral.forward.events", 1_000_000);
    int perRequest = 5_000;
    String topic = createTopic("fwd-bench");
    try (TestServer server = TestServer.start(dir.resolve("data"), config(broker.bootstrapServers(), topic),
        Map.of("ingest.max_pending_events", "200000"))) {
      Map<String, Integer> written = new HashMap<>();
      long start = System.nanoTime();
      for (int sent = 0; sent < total; sent += perRequest) {
        assertThat(server.ingest(events(written, perRequest)).status()).isEqualTo(200);
      }
      double ingestSeconds = (System.nanoTime() - start) / 1e9;
      long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
      while (forwardStats(server.get("/api/v1/stats").json()).get("forwarded_events").asLong() < total) {
        assertThat(System.nanoTime()).as("forwarded within 10 minutes").isLessThan(deadline);
        Thread.sleep(100);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("KafkaForwardTest events=%d ingest_s=%.1f ingest_events_per_s=%.0f forwarded_s=%.1f"
          + " forwarded_events_per_s=%.0f%n", total, ingestSeconds, total / ingestSeconds, seconds, total / seconds);
    }
  }

  @Test
  void aBrokerDownAndAKill9OfTheServerLoseNothing() throws Exception {
    String topic = createTopic("fwd-crash");
    Path config = config(broker.bootstrapServers(), topic);
    Map<String, Integer> written = new HashMap<>();
    long resent;
    URI first = startChild(config);
    for (int request = 0; request < 10; request++) {
      ingest(first, events(written, 50));
    }
    Await.until("the first events forwarded", () -> forwardStats(stats(first)).get("forwarded_events").asLong() == 500);

    broker.kill();
    for (int request = 0; request < 10; request++) {
      ingest(first, events(written, 50));
    }
    Await.until("sends failing while the broker is down", () -> forwardStats(stats(first)).get("state").asText()
        .equals("failing"));
    JsonNode failing = forwardStats(stats(first));
    assertThat(failing.get("lag_records").asLong()).as("the follower holds the unsent records in the WAL").isPositive();
    assertThat(failing.get("error").asText()).contains("kafka://" + broker.bootstrapServers() + "/" + topic);
    child.destroyForcibly().waitFor(); // kill -9 with events acknowledged to their sender but not by the broker
    child = null;
    // the restart in this JVM: the data directory and the WAL follower's cursor are what the killed one left

    broker.start();
    try (TestServer second = TestServer.start(dir.resolve("child-data"), config, Map.of())) {
      for (int request = 0; request < 10; request++) {
        assertThat(second.ingest(events(written, 50)).status()).isEqualTo(200);
      }
      Await.until("everything forwarded after the restart", () -> {
        JsonNode stats = forwardStats(second.get("/api/v1/stats").json());
        return stats.get("lag_records").asLong() == 0 && stats.get("state").asText().equals("following")
            && stats.get("forwarded_events").asLong() >= 1000;
      });
      resent = forwardStats(second.get("/api/v1/stats").json()).get("resent_events").asLong();
    }
    List<ConsumerRecord<String, String>> records = consume(topic, 1500);
    Set<String> distinct = new HashSet<>();
    for (ConsumerRecord<String, String> record : records) {
      distinct.add(JSON.readTree(record.value()).get("message").asText());
    }
    Set<String> expected = new HashSet<>();
    written.forEach((service, count) -> IntStream.rangeClosed(1, count).forEach(seq -> expected.add(service + " " + seq)));
    assertThat(distinct).as("every acknowledged event, before, during and after the outage and the kill")
        .isEqualTo(expected);
    System.out.printf("kafka-forward kill -9: %d events, %d records on the topic (%d repeated; the restarted server"
        + " sent %d again after failed sends)%n", expected.size(), records.size(), records.size() - distinct.size(),
        resent);
  }

  @Test
  void eventsAreForwardedThroughSaslScramAndThePasswordShowsNowhere() throws Exception {
    String topic = createTopic("fwd-scram");
    Map<String, Integer> written = new HashMap<>();
    try (LogOutput log = new LogOutput();
        TestServer server = TestServer.start(dir.resolve("data"), scramConfig(topic, SharedKafkaBroker.PASSWORD),
            Map.of())) {
      assertThat(server.ingest(events(written, 60)).status()).isEqualTo(200);
      Await.until("every event forwarded over SASL", () -> forwardStats(server.get("/api/v1/stats").json())
          .get("forwarded_events").asLong() == 60);
      assertThat(server.get("/api/v1/stats").body()).doesNotContain(SharedKafkaBroker.PASSWORD);
      assertThat(log.text()).doesNotContain(SharedKafkaBroker.PASSWORD);
    }
    assertThat(consume(topic, 60)).hasSize(60);
  }

  @Test
  void aWrongPasswordIsAFailingForwarderNamingAuthenticationWhileIngestGoesOn() throws Exception {
    String wrong = "wrong-fwd-pw-3b9e";
    try (LogOutput log = new LogOutput();
        TestServer server = TestServer.start(dir.resolve("data"), scramConfig(createTopic("fwd-refused"), wrong),
            Map.of())) {
      assertThat(server.ingest(events(new HashMap<>(), 10)).status()).isEqualTo(200);
      Await.until("forwarding failing", () -> forwardStats(server.get("/api/v1/stats").json()).get("state").asText()
          .equals("failing"));
      JsonNode stats = forwardStats(server.get("/api/v1/stats").json());
      assertThat(stats.get("error").asText()).contains("Authentication failed").contains("SCRAM-SHA-512");
      assertThat(stats.get("forwarded_events").asLong()).isZero();
      server.awaitTotal("service:svc-a", 4); // ingest and search go on
      for (String secret : List.of(wrong, SharedKafkaBroker.PASSWORD)) {
        assertThat(server.get("/api/v1/stats").body()).doesNotContain(secret);
        assertThat(log.text()).doesNotContain(secret);
      }
    }
  }

  @Test
  void anUnreachableClusterIsRetriedAndNamedWhileIngestGoesOn() throws Exception {
    int closedPort;
    try (ServerSocket free = new ServerSocket(0)) {
      closedPort = free.getLocalPort();
    }
    try (TestServer server = TestServer.start(dir.resolve("data"), config("127.0.0.1:" + closedPort, "nowhere"),
        Map.of())) {
      assertThat(server.ingest(events(new HashMap<>(), 10)).status()).isEqualTo(200);
      Await.until("forwarding failing", () -> forwardStats(server.get("/api/v1/stats").json()).get("state").asText()
          .equals("failing"));
      JsonNode stats = forwardStats(server.get("/api/v1/stats").json());
      assertThat(stats.get("error").asText()).contains("kafka://127.0.0.1:" + closedPort + "/nowhere");
      assertThat(stats.get("forwarded_events").asLong()).isZero();
      assertThat(stats.get("lag_records").asLong()).isPositive();
      assertThat(server.get("/metrics").body()).contains("corral_kafka_forward_failing 1.0");
      server.awaitTotal("service:svc-a", 4); // ingest and search go on
    }
  }

  @Test
  void aBootstrapServerThatDoesNotResolveFailsTheStartNamingIt() {
    assertThatThrownBy(() -> TestServer.start(dir.resolve("data"), config("no-such-broker.invalid:9092", "events"),
        Map.of()).close())
        .hasStackTraceContaining("kafka.forward_topic: the Kafka producer for kafka://no-such-broker.invalid:9092/events"
            + " cannot be created");
  }

  private Path config(String servers, String topic) throws IOException {
    return Files.writeString(dir.resolve("corral-" + topic + ".yaml"), """
        kafka:
          bootstrap_servers: "%s"
          forward_topic: %s
          client: %s
        """.formatted(servers, topic, FAST_FAILURES));
  }

  /** Forwarding to the SASL listener as {@link SharedKafkaBroker#USER} with SCRAM-SHA-512 and {@code password}. */
  private Path scramConfig(String topic, String password) throws IOException {
    return Files.writeString(dir.resolve("corral-" + topic + ".yaml"), """
        kafka:
          bootstrap_servers: "%s"
          forward_topic: %s
          client:
            - security.protocol=SASL_PLAINTEXT
            - sasl.mechanism=SCRAM-SHA-512
            - 'sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="%s" password="%s";'
            - delivery.timeout.ms=3000
            - request.timeout.ms=1000
            - max.block.ms=1000
        """.formatted(broker.saslBootstrapServers(), topic, SharedKafkaBroker.USER, password));
  }

  /** {@code count} events, the services in turn, each message {@code "<service> <its n-th event>"}. */
  private static String events(Map<String, Integer> written, int count) {
    StringBuilder ndjson = new StringBuilder();
    for (int i = 0; i < count; i++) {
      String service = SERVICES.get(i % SERVICES.size());
      int seq = written.merge(service, 1, Integer::sum);
      ndjson.append("{\"service\":\"").append(service).append("\",\"message\":\"").append(service).append(' ')
          .append(seq).append("\"}\n");
    }
    return ndjson.toString();
  }

  /** Events as the Kafka input stores them: with their topic, partition and offset. */
  private static String fromKafkaInput(int request) {
    StringBuilder ndjson = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      ndjson.append("{\"service\":\"svc-k\",\"message\":\"read from kafka ").append(request).append("\",")
          .append("\"kafka\":{\"topic\":\"upstream\",\"partition\":0,\"offset\":").append(i).append("}}\n");
    }
    return ndjson.toString();
  }

  private static JsonNode forwardStats(JsonNode stats) {
    return stats.get("kafka_forward");
  }

  private URI startChild(Path config) throws IOException {
    Path err = dir.resolve("child.err");
    child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-cp",
        System.getProperty("java.class.path"), ForwardServerChild.class.getName(), dir.resolve("child-data").toString(),
        config.toString()).redirectError(err.toFile()).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith("url=")) {
        return URI.create(line.substring("url=".length()));
      }
    }
    throw new IOException("the child server exited before it was ready; see " + err);
  }

  private void ingest(URI url, String ndjson) throws Exception {
    HttpResponse<String> reply = http.send(HttpRequest.newBuilder(url.resolve("/api/v1/ingest"))
        .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(ndjson)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
  }

  private JsonNode stats(URI url) {
    try {
      return JSON.readTree(http.send(HttpRequest.newBuilder(url.resolve("/api/v1/stats")).build(),
          HttpResponse.BodyHandlers.ofString()).body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String createTopic(String name) throws Exception {
    return kafka.topics().create(name, 3);
  }

  private static List<ConsumerRecord<String, String>> consume(String topic, int expected) {
    return kafka.topics().readAll(topic, records -> records.size() >= expected);
  }
}
