package dev.corral.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.testkafka.KafkaTestBroker;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several Corral nodes on Kafka and OpenSearch (docs/scale-out.md, "Several nodes"): a 3-partition topic on a real
 * KRaft broker, two Corral nodes (two data directories) in one consumer group with {@code store.backend: opensearch},
 * and a two-node OpenSearch cluster whose indices have one replica. Records with unique ids are produced while the
 * nodes consume; one Corral node is killed with SIGKILL during ingest, the group rebalances its partitions to the
 * other, the killed node is started again on its data (its WAL replays into OpenSearch), and then every record must be
 * searchable exactly once through either node's {@code /api/v1/search}. Then one OpenSearch node is stopped, the one
 * listed first in {@code store.opensearch.urls}, and both Corral nodes must still answer with every record.
 *
 * <p>Minutes long (a broker, two OpenSearch nodes, two servers): not part of {@code ./mvnw verify}. Run it with
 * {@code ./mvnw -B -Ptopology -pl corral-dist -am verify}. Randomized: the moment of the kill and the node killed
 * come from the printed seed; rerun with {@code -Dcorral.seed=N}. No assertion depends on timing: whenever the kill
 * lands, every record must be there once.
 */
class TopologyIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOPIC = "corral-topology";
  private static final int PARTITIONS = 3;
  /** At most search.max_limit, so one search returns every record and each id can be counted. */
  private static final int RECORDS = 6000;
  /** Records per producer flush; a pause after each keeps production going while the nodes consume. */
  private static final int CHUNK = 200;
  private static final long CHUNK_PAUSE_MILLIS = 150;
  /** Kafka's default session timeout (45 s) decides how soon a killed member's partitions move; 6 s is the broker's minimum. */
  private static final String FAST_REBALANCE = "kafka.client=session.timeout.ms=6000,heartbeat.interval.ms=1000";
  /** Rebalance after the kill, then the backlog through OpenSearch: generous on a shared two-core machine. */
  private static final Duration ALL_SEARCHABLE_TIMEOUT = Duration.ofMinutes(5);
  private static final long POLL_MILLIS = 500;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void recordsOfAKilledNodeAreSearchableOnceAndQueriesSurviveALostOpenSearchNode(@TempDir Path tmp) throws Exception {
    long seed = Long.getLong("corral.seed", System.nanoTime());
    System.out.println("TopologyIT seed=" + seed + " (rerun with -Dcorral.seed=" + seed + ")");
    Random random = new Random(seed);
    String run = "run" + Long.toHexString(seed & 0xffffffL);
    try (KafkaTestBroker broker = KafkaTestBroker.start(tmp.resolve("kafka"));
        OpenSearchCluster search = OpenSearchCluster.start(2, tmp.resolve("opensearch"))) {
      createTopic(broker.bootstrapServers());
      List<String> settings = List.of("store.backend=opensearch", "store.opensearch.urls=" + search.urls(1, 0),
          "store.opensearch.replicas=1", "kafka.bootstrap_servers=" + broker.bootstrapServers(),
          "kafka.topics=" + TOPIC, "kafka.group_id=corral-topology", FAST_REBALANCE, "audit.enabled=false");
      try (CorralNodes corral = CorralNodes.start(2, tmp.resolve("corral"), settings)) {
        AtomicInteger produced = new AtomicInteger();
        Thread producer = Thread.ofVirtual().start(() -> produce(broker.bootstrapServers(), run, produced));
        int victim = random.nextInt(2);
        int survivor = 1 - victim;
        long killAt = RECORDS / 10 + random.nextInt(RECORDS / 3);
        long seenAtKill = awaitCount(corral.url(survivor), run, killAt);
        corral.kill(victim);
        assertThat(seenAtKill).as("the kill lands during ingest (seed %d)", seed).isLessThan(RECORDS);
        producer.join();
        assertThat(produced.get()).as("records produced").isEqualTo(RECORDS);

        assertThat(awaitCount(corral.url(survivor), run, RECORDS))
            .as("every record after the rebalance, through the surviving node (seed %d); its log:%n%s", seed,
                corral.log(survivor)).isEqualTo(RECORDS);
        corral.restart(victim);
        for (int node = 0; node < corral.size(); node++) {
          assertEachRecordOnce(corral.url(node), run, "node " + node + " after the restart (seed " + seed + ")");
        }

        search.stop(1);
        for (int node = 0; node < corral.size(); node++) {
          assertThat(awaitCount(corral.url(node), run, RECORDS))
              .as("node %d answers with one OpenSearch node stopped (the first of store.opensearch.urls)", node)
              .isEqualTo(RECORDS);
          assertEachRecordOnce(corral.url(node), run, "node " + node + " with one OpenSearch node stopped");
        }
        System.out.printf("TopologyIT: %d records, node %d killed at %d searchable, every record once%n", RECORDS,
            victim, seenAtKill);
      }
    }
  }

  private static void createTopic(String bootstrapServers) throws Exception {
    Properties properties = new Properties();
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(properties)) {
      admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
    }
  }

  /** Produces {@link #RECORDS} events, each with a unique {@code record_id}, keyed by service, in paced chunks. */
  private static void produce(String bootstrapServers, String run, AtomicInteger produced) {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
      for (int i = 0; i < RECORDS; i++) {
        String service = "svc-" + (i % 5);
        String event = "{\"timestamp\":\"" + Instant.now() + "\",\"level\":\"INFO\",\"service\":\"" + service
            + "\",\"message\":\"topology record " + i + "\",\"run\":\"" + run + "\",\"record_id\":\"" + run + "-" + i
            + "\"}";
        producer.send(new ProducerRecord<>(TOPIC, service, event));
        if ((i + 1) % CHUNK == 0) {
          producer.flush();
          produced.set(i + 1);
          Thread.sleep(CHUNK_PAUSE_MILLIS);
        }
      }
      producer.flush();
      produced.set(RECORDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Polls the run's event count through {@code node} until it reaches {@code expected}; the last count seen. */
  private long awaitCount(URI node, String run, long expected) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + ALL_SEARCHABLE_TIMEOUT.toNanos();
    long seen = -1;
    while (System.nanoTime() < deadline) {
      HttpResponse<String> response = search(node, run, 0);
      if (response.statusCode() == 200) {
        seen = JSON.readTree(response.body()).path("total").asLong(-1);
        if (seen >= expected) {
          return seen;
        }
      }
      Thread.sleep(POLL_MILLIS);
    }
    return seen;
  }

  /** Every record id of the run exactly once among the events {@code node} returns, and nothing else. */
  private void assertEachRecordOnce(URI node, String run, String where) throws IOException, InterruptedException {
    HttpResponse<String> response = search(node, run, RECORDS + 1);
    assertThat(response.statusCode()).as("%s: %s", where, response.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    Map<String, Integer> copies = new HashMap<>();
    for (JsonNode event : body.path("events")) {
      JsonNode id = event.findValue("record_id");
      assertThat(id).as("%s: an event without record_id: %s", where, event).isNotNull();
      copies.merge(id.asText(), 1, Integer::sum);
    }
    assertThat(body.path("total").asLong()).as("%s: total", where).isEqualTo(RECORDS);
    assertThat(copies).as("%s: distinct record ids", where).hasSize(RECORDS);
    assertThat(copies.values()).as("%s: copies of each record", where).containsOnly(1);
    assertThat(copies.keySet()).as("%s: the ids produced", where)
        .isEqualTo(IntStream.range(0, RECORDS).mapToObj(i -> run + "-" + i).collect(Collectors.toSet()));
  }

  private HttpResponse<String> search(URI node, String run, int limit) throws IOException, InterruptedException {
    String query = URLEncoder.encode("run:\"" + run + "\"", StandardCharsets.UTF_8);
    return http.send(HttpRequest.newBuilder(node.resolve("/api/v1/search?limit=" + limit + "&q=" + query))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
