package dev.corral.opensearch.index;

import static dev.corral.opensearch.index.TestEvents.await;
import static dev.corral.opensearch.index.TestEvents.count;
import static dev.corral.opensearch.index.TestEvents.event;
import static dev.corral.opensearch.index.TestEvents.hits;
import static dev.corral.opensearch.index.TestEvents.numbered;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.opensearch.mapping.DailyIndex;
import dev.corral.model.LogEvent;
import dev.corral.opensearch.client.ClientSettings;
import dev.corral.opensearch.client.OpenSearchClient;
import dev.corral.opensearch.node.OpenSearchTestNode;
import dev.corral.store.TestWal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write side against a real node: every event arrives once under its deterministic id, a
 * replay overwrites, a rejected document becomes a dead letter and nothing else is lost, the field
 * limit moves fields under {@code overflow}, the template is installed and the lifecycle applied.
 * Each test writes under its own index prefix.
 */
class OpenSearchStoreTest {
  @RegisterExtension
  static final OpenSearchTestNode node = OpenSearchTestNode.shared();
  private static final Instant NOW = Instant.now();
  private static OpenSearchClient client;

  @TempDir
  Path data;

  @BeforeAll
  static void connect() throws Exception {
    client = node.client();
  }

  @AfterAll
  static void disconnect() {
    client.close();
  }

  private OpenSearchStoreConfig config(String prefix, String nodeId) {
    return OpenSearchStoreConfig.of(ClientSettings.of(List.of(node.url())), data.resolve(nodeId), nodeId).withPrefix(prefix);
  }

  @Test
  void everyEventArrivesOnceAndAReplayFromAnOlderCheckpointOverwrites() throws Exception {
    OpenSearchStoreConfig config = config("replay", "node-a").withBulkLimits(50, 1 << 20);
    TestWal wal = new TestWal();
    try (OpenSearchStore store = OpenSearchStore.open(config)) {
      for (int r = 0; r < 10; r++) {
        Instant day = r % 2 == 0 ? NOW : NOW.minus(1, ChronoUnit.DAYS);
        wal.appendAndSubmit(store, numbered(day, "checkout", r * 30, 30));
      }
      store.awaitIndexed();
      assertThat(store.checkpoint()).isEqualTo(wal.end());
      assertThat(store.pendingEvents()).isZero();
    }
    assertThat(count(client, "replay-*")).isEqualTo(300);
    assertThat(client.get("/_cat/indices/replay-*?format=json").requireSuccess().json()).hasSize(2);
    JsonNode first = client.get("/" + DailyIndex.of("replay", TestEvents.event(NOW, "", Map.of()).timestamp())
        + "/_doc/w:node-a%2F0%2F0").requireSuccess().json();
    assertThat(first.path("_source").path("message").asText()).isEqualTo("event 0");

    try (OpenSearchStore reopened = OpenSearchStore.open(config)) {
      assertThat(reopened.checkpoint()).as("the checkpoint file").isEqualTo(wal.end());
    }
    Files.delete(config.directory().resolve("checkpoint")); // as if the node died before writing it
    try (OpenSearchStore reopened = OpenSearchStore.open(config)) {
      assertThat(reopened.checkpoint()).isZero();
      assertThat(wal.replay(reopened, 0)).isEqualTo(10);
      reopened.awaitIndexed();
      assertThat(reopened.checkpoint()).isEqualTo(wal.end());
    }
    assertThat(count(client, "replay-*")).as("overwritten, not added").isEqualTo(300);
  }

  @Test
  void aKafkaRecordKeepsItsIdWhicheverNodeWritesIt() throws Exception {
    List<LogEvent> events = List.of(
        event(NOW, "first of record 42", Map.of("kafka.topic", "logs", "kafka.partition", 2L, "kafka.offset", 42L)),
        event(NOW, "second of record 42", Map.of("kafka.topic", "logs", "kafka.partition", 2L, "kafka.offset", 42L)),
        event(NOW, "record 43", Map.of("kafka.topic", "logs", "kafka.partition", 2L, "kafka.offset", 43L)));
    for (String nodeId : List.of("node-a", "node-b")) {
      try (OpenSearchStore store = OpenSearchStore.open(config("kafka", nodeId))) {
        new TestWal().appendAndSubmit(store, events);
        store.awaitIndexed();
      }
    }
    assertThat(count(client, "kafka-*")).as("the redelivery overwrote").isEqualTo(3);
    String index = DailyIndex.of("kafka", events.get(0).timestamp());
    assertThat(client.get("/" + index + "/_doc/k:logs%2F2%2F42%2F1").requireSuccess().json()
        .path("_source").path("message").asText()).isEqualTo("second of record 42");
  }

  @Test
  void aRejectedDocumentBecomesADeadLetterWithTheReasonAndTheRestOfTheBatchIsStored() throws Exception {
    TestWal wal = new TestWal();
    try (OpenSearchStore store = OpenSearchStore.open(config("conflict", "node-a"))) {
      wal.appendAndSubmit(store, List.of(
          event(NOW, "a is a string", Map.of("a", "x", "n", 5L)),
          event(NOW, "a is an object", Map.of("a.b", "y")),
          event(NOW, "n is not a number", Map.of("n", "many")),
          event(NOW, "plain", Map.of("service", "api"))));
      store.awaitIndexed();
      assertThat(store.checkpoint()).isEqualTo(wal.end());
      OpenSearchStore.Status status = store.status();
      assertThat(status.deadLetters()).isEqualTo(1);
      assertThat(status.documents()).as("3 events and 1 dead letter").isEqualTo(4);
      assertThat(status.lifecycle()).isEqualTo("corral");
      assertThat(status.failure()).isNull();
    }
    assertThat(count(client, "conflict-*")).as("3 events and 1 dead letter").isEqualTo(4);
    JsonNode letters = hits(client, "conflict-*", "logtype:dead_letter");
    assertThat(letters.path("total").path("value").asLong()).isEqualTo(1);
    JsonNode letter = letters.path("hits").get(0).path("_source");
    assertThat(letter.path("service").asText()).isEqualTo("corral");
    assertThat(letter.path("dead_letter.input").asText()).isEqualTo("opensearch");
    assertThat(letter.path("dead_letter.reason").asText()).contains("[a]").contains("conflict-");
    assertThat(letter.path("dead_letter.excerpt").asText()).contains("\"a.b\":\"y\"").contains("a is an object");
    assertThat(hits(client, "conflict-*", "message:malformed OR message:\"not a number\"").path("total").path("value").asLong())
        .as("a string where a number was mapped is kept (ignore_malformed), not rejected").isEqualTo(1);
  }

  @Test
  void aWriteBlockedIndexHoldsTheRecordBackInsteadOfMakingDeadLetters() throws Exception {
    String index = DailyIndex.of("blocked", TestEvents.event(NOW, "", Map.of()).timestamp());
    client.send("PUT", "/" + index, (JsonNode) null).requireSuccess();
    client.send("PUT", "/" + index + "/_settings", TestEvents.writeBlock(true)).requireSuccess();
    TestWal wal = new TestWal();
    try (OpenSearchStore store = OpenSearchStore.open(config("blocked", "node-a"))) {
      wal.appendAndSubmit(store, numbered(NOW, "api", 0, 5));
      await(() -> store.failure().isPresent());
      assertThat(store.failure().get().getMessage()).contains(index).contains("403").contains("cluster_block_exception");
      assertThat(store.pendingEvents()).isEqualTo(5);
      assertThat(store.checkpoint()).isZero();

      client.send("PUT", "/" + index + "/_settings", TestEvents.writeBlock(false)).requireSuccess();
      await(() -> store.pendingEvents() == 0);
      store.awaitIndexed();
      assertThat(store.failure()).isEmpty();
    }
    assertThat(count(client, "blocked-*")).isEqualTo(5);
    assertThat(hits(client, "blocked-*", "logtype:dead_letter").path("total").path("value").asLong()).isZero();
  }

  @Test
  void fieldsPastTheIndexLimitGoUnderOverflow() throws Exception {
    try (OpenSearchStore store = OpenSearchStore.open(config("limit", "node-a").withMaxFields(3))) {
      TestWal wal = new TestWal();
      wal.appendAndSubmit(store, List.of(event(NOW, "fills the budget", Map.of("service", "api", "f1", "a", "f2", 1L))));
      wal.appendAndSubmit(store, List.of(event(NOW, "over the budget", Map.of("service", "api", "f3", "b", "f4", 2L))));
      store.awaitIndexed();
    }
    String index = DailyIndex.of("limit", TestEvents.event(NOW, "", Map.of()).timestamp());
    JsonNode properties = client.get("/" + index + "/_mapping").requireSuccess().json()
        .path(index).path("mappings").path("properties");
    assertThat(properties.has("f1")).isTrue();
    assertThat(properties.has("f3")).isFalse();
    assertThat(properties.has("f4")).isFalse();
    JsonNode over = hits(client, "limit-*", "message:over").path("hits").get(0).path("_source");
    assertThat(over.path("service").asText()).isEqualTo("api");
    assertThat(over.path("overflow").path("f3").asText()).isEqualTo("b");
    assertThat(over.path("overflow").path("f4").asLong()).isEqualTo(2);
    assertThat(hits(client, "limit-*", "overflow.f3:b").path("total").path("value").asLong())
        .as("searchable as flattened text").isEqualTo(1);
  }

  @Test
  void theTemplateIsInstalledAndCorralAppliesTheLifecycleWithoutIsm() throws Exception {
    OpenSearchStoreConfig config = config("life", "node-a").withLifecycle(Duration.ofDays(1), Duration.ofDays(3));
    Instant longAgo = NOW.minus(10, ChronoUnit.DAYS);
    Instant twoDaysAgo = NOW.minus(2, ChronoUnit.DAYS);
    try (OpenSearchStore store = OpenSearchStore.open(config)) {
      TestWal wal = new TestWal();
      wal.appendAndSubmit(store, numbered(longAgo, "old", 0, 5));
      for (int r = 0; r < 3; r++) { // one refresh each: three segments
        wal.appendAndSubmit(store, numbered(twoDaysAgo, "warm", r * 5, 5));
        store.awaitIndexed();
      }
      wal.appendAndSubmit(store, numbered(NOW, "hot", 0, 5));
      store.awaitIndexed();
      assertThat(store.clusterAppliesLifecycle()).as("the runner has no ISM plugin").contains(false);
    }
    JsonNode template = client.get("/_index_template/life").requireSuccess().json().path("index_templates").get(0)
        .path("index_template");
    assertThat(template.path("version").asInt()).isEqualTo(IndexTemplate.VERSION);
    JsonNode settings = template.path("template").path("settings").path("index");
    assertThat(settings.path("codec").asText()).isEqualTo("best_compression");
    assertThat(settings.path("refresh_interval").asText()).isEqualTo("1s");
    assertThat(settings.path("number_of_replicas").asText()).isEqualTo("0");

    String old = DailyIndex.of("life", TestEvents.event(longAgo, "", Map.of()).timestamp());
    String warm = DailyIndex.of("life", TestEvents.event(twoDaysAgo, "", Map.of()).timestamp());
    String hot = DailyIndex.of("life", TestEvents.event(NOW, "", Map.of()).timestamp());
    assertThat(segments(warm)).isGreaterThan(1);
    LifecyclePass pass = new LifecyclePass(client, config);
    LifecyclePass.Outcome outcome = pass.run(NOW);
    assertThat(outcome.deleted()).containsExactly(old);
    assertThat(outcome.merged()).containsExactly(warm);
    assertThat(segments(warm)).isEqualTo(1);
    assertThat(client.get("/" + old).status()).isEqualTo(404);
    assertThat(count(client, "life-*")).isEqualTo(20);
    assertThat(pass.run(NOW).merged()).as("already warm").isEmpty();
    assertThat(client.get("/" + hot).status()).isEqualTo(200);
  }

  @Test
  void theIsmPolicyMirrorsCorralsSettings() {
    OpenSearchStoreConfig config = config("ism", "node-a").withLifecycle(Duration.ofHours(6), Duration.ofDays(30));
    JsonNode policy = LifecyclePolicy.body(config).path("policy");
    List<String> states = new ArrayList<>();
    policy.path("states").forEach(state -> states.add(state.path("name").asText()));
    assertThat(states).containsExactly("hot", "warm", "delete");
    assertThat(policy.path("states").get(0).path("transitions").get(0).path("conditions").path("min_index_age").asText())
        .as("1 day (the index's own) + warm_after").isEqualTo((24 + 6) * 3600 + "s");
    assertThat(policy.path("states").get(1).path("actions").get(0).path("force_merge").path("max_num_segments").asInt())
        .isEqualTo(1);
    assertThat(policy.path("ism_template").get(0).path("index_patterns").get(0).asText()).isEqualTo("ism-*");
    JsonNode keepForever = LifecyclePolicy.body(config.withLifecycle(Duration.ofDays(1), Duration.ZERO)).path("policy");
    assertThat(keepForever.path("states")).as("no delete state when retention.max_age is 0").hasSize(2);
  }

  private static int segments(String index) throws Exception {
    return client.get("/" + index + "/_stats/segments").requireSuccess().json()
        .path("_all").path("primaries").path("segments").path("count").asInt();
  }
}
