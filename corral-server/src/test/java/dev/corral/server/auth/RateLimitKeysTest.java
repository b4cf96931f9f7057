package dev.corral.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.server.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-key rate limits against a real server with {@code auth.mode: keys}: an ingest key over its
 * events per second and a read key over its queries per minute get 429 with Retry-After, nothing
 * of a refused request is stored, the same request is taken after the wait, and other keys are not
 * limited meanwhile. Tested by state (send until refused), never by timing.
 */
class RateLimitKeysTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Requests sent at most to reach a limit of a few events: far more than a slow machine needs. */
  private static final int MAX_ATTEMPTS = 50;

  @TempDir
  Path data;

  private static String batch(String tag, int events) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < events; i++) {
      body.append("{\"message\":\"event ").append(i).append("\",\"service\":\"limited\",\"batch\":\"").append(tag)
          .append("\"}\n");
    }
    return body.toString();
  }

  private static TestServer.Reply ingest(TestServer server, String key, String body) {
    return server.send("POST", "/api/v1/ingest", body, "Authorization", "Bearer " + key, "Content-Type",
        "application/x-ndjson");
  }

  private static long total(TestServer server, String key, String query) {
    TestServer.Reply reply = server.send("GET", "/api/v1/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8),
        null, "Authorization", "Bearer " + key);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().path("total").asLong();
  }

  /** Waits until {@code query} matches {@code expected} events (refresh runs every 100 ms). */
  private static void awaitTotal(TestServer server, String key, String query, long expected) throws InterruptedException {
    long found = -1;
    for (int attempt = 0; attempt < 400 && found != expected; attempt++) {
      found = total(server, key, query);
      if (found != expected) {
        Thread.sleep(50);
      }
    }
    assertThat(found).as(query).isEqualTo(expected);
  }

  @Test
  void anIngestKeyOverItsEventsPerSecondGets429WithRetryAfterNothingStoredAndIsTakenAgainAfterTheWait()
      throws Exception {
    ApiKeys keys = ApiKeys.open(data, Clock.systemUTC());
    String admin = keys.create(new KeySpec("ops", Scope.ADMIN, List.of(), null, null)).key();
    String noisy = keys.create(new KeySpec("noisy", Scope.INGEST, List.of(), null, null, new KeyLimits(5, 0))).key();
    String other = keys.create(new KeySpec("other", Scope.INGEST, List.of(), null, null)).key();
    String noisyId = noisy.substring(0, noisy.indexOf(':'));
    try (TestServer server = TestServer.start(data, Map.of("auth.mode", "keys"))) {
      int accepted = 0;
      TestServer.Reply refused = null;
      for (int i = 0; i < MAX_ATTEMPTS && refused == null; i++) {
        TestServer.Reply reply = ingest(server, noisy, batch("b" + i, 5));
        if (reply.status() == 429) {
          refused = reply;
        } else {
          assertThat(reply.status()).as(reply.body()).isEqualTo(200);
          accepted++;
        }
      }
      assertThat(refused).as("5 events per second, sent in batches of 5 as fast as possible").isNotNull();
      assertThat(accepted).as("the first batch fits the burst of one second").isPositive();
      int retryAfter = Integer.parseInt(refused.header("Retry-After"));
      assertThat(retryAfter).isBetween(1, 2);
      assertThat(refused.json().path("error").asText()).contains("API key " + noisyId, "5 events/s", "nothing was stored");

      assertThat(ingest(server, other, batch("other", 5)).status()).as("another key is not limited by the noisy one")
          .isEqualTo(200);

      String refusedTag = "b" + accepted;
      awaitTotal(server, admin, "service:limited", accepted * 5L + 5);
      assertThat(total(server, admin, "batch:" + refusedTag)).as("nothing of the refused request").isZero();

      TestServer.Reply again = refused;
      for (int i = 0; i < MAX_ATTEMPTS && again.status() == 429; i++) {
        Thread.sleep(Integer.parseInt(again.header("Retry-After")) * 1000L);
        again = ingest(server, noisy, batch(refusedTag, 5));
      }
      assertThat(again.status()).as("taken once the bucket refilled: " + again.body()).isEqualTo(200);
      awaitTotal(server, admin, "batch:" + refusedTag, 5);

      String metrics = server.send("GET", "/metrics", null, "Authorization", "Bearer " + admin).body();
      assertThat(metrics).containsPattern("corral_rate_limited_requests_total\\{kind=\"key_events\"} [1-9]")
          .containsPattern("corral_ingest_refused_requests_total\\{input=\"ndjson\",reason=\"rate_limited\"} [1-9]");
      JsonNode stats = server.send("GET", "/api/v1/stats", null, "Authorization", "Bearer " + admin).json();
      assertThat(stats.path("rate_limits").path("limited_requests").path("key_events").asLong()).isPositive();
    }
  }

  @Test
  void bulkItemsOfARequestOverTheServersDefaultKeyLimitAnswer429TheWayElasticsearchClientsRetry() throws Exception {
    ApiKeys keys = ApiKeys.open(data, Clock.systemUTC());
    String filebeat = keys.create(new KeySpec("filebeat", Scope.INGEST, List.of(), null, null)).key();
    String body = "{\"index\":{\"_index\":\"shop\"}}\n{\"message\":\"a\"}\n{\"index\":{\"_index\":\"shop\"}}\n"
        + "{\"message\":\"b\"}\n";
    try (TestServer server = TestServer.start(data, Map.of("auth.mode", "keys", "auth.key_events_per_second", "2"))) {
      TestServer.Reply refused = null;
      for (int i = 0; i < MAX_ATTEMPTS && refused == null; i++) {
        TestServer.Reply reply = server.send("POST", "/_bulk", body, "Authorization", "Bearer " + filebeat,
            "Content-Type", "application/x-ndjson");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        if (reply.json().path("errors").asBoolean()) {
          refused = reply;
        }
      }
      assertThat(refused).isNotNull();
      assertThat(Integer.parseInt(refused.header("Retry-After"))).isPositive();
      JsonNode items = refused.json().path("items");
      assertThat(items).hasSize(2);
      for (JsonNode item : items) {
        JsonNode index = item.path("index");
        assertThat(index.path("status").asInt()).isEqualTo(429);
        assertThat(index.path("error").path("type").asText()).isEqualTo("es_rejected_execution_exception");
        assertThat(index.path("error").path("reason").asText()).contains("2 events/s");
      }
    }
  }

  @Test
  void aReadKeyOverItsQueriesPerMinuteGets429OnSearchAndQueryWhileAnotherKeyReadsOn() throws Exception {
    ApiKeys keys = ApiKeys.open(data, Clock.systemUTC());
    String grafana = keys.create(new KeySpec("grafana", Scope.READ, List.of(), null, null)).key();
    String analyst = keys.create(new KeySpec("analyst", Scope.READ, List.of(), null, null, new KeyLimits(0, 3))).key();
    String grafanaId = grafana.substring(0, grafana.indexOf(':'));
    try (TestServer server = TestServer.start(data, Map.of("auth.mode", "keys", "auth.key_queries_per_minute", "2"))) {
      assertThat(search(server, grafana).status()).isEqualTo(200);
      assertThat(query(server, grafana).status()).isEqualTo(200);
      for (TestServer.Reply limited : List.of(search(server, grafana), query(server, grafana))) {
        assertThat(limited.status()).as(limited.body()).isEqualTo(429);
        assertThat(Integer.parseInt(limited.header("Retry-After"))).as("2 per minute: a query every 30 s")
            .isBetween(1, 30);
        assertThat(limited.json().path("key_id").asText()).isEqualTo(grafanaId);
        assertThat(limited.json().path("queries_per_minute").asLong()).isEqualTo(2);
        assertThat(limited.json().path("error").asText()).contains("API key " + grafanaId, "2 queries per minute");
      }
      for (int i = 0; i < 3; i++) {
        assertThat(search(server, analyst).status()).as("its own limit of 3 over the default of 2, and not the "
            + "limited key's bucket").isEqualTo(200);
      }
      assertThat(query(server, analyst).status()).isEqualTo(429);
    }
  }

  private static TestServer.Reply search(TestServer server, String key) {
    return server.send("GET", "/api/v1/search?q=*", null, "Authorization", "Bearer " + key);
  }

  private static TestServer.Reply query(TestServer server, String key) {
    return server.send("POST", "/api/v1/query", "{\"q\":\"*\"}", "Authorization", "Bearer " + key, "Content-Type",
        "application/json");
  }

  @Test
  void theAdminApiSetsAndListsAKeysLimitsAndRefusesALimitItsScopeCannotUse() throws Exception {
    String admin = ApiKeys.open(data, Clock.systemUTC()).create(new KeySpec("ops", Scope.ADMIN, List.of(), null, null))
        .key();
    try (TestServer server = TestServer.start(data, Map.of("auth.mode", "keys"))) {
      TestServer.Reply created = server.send("POST", "/api/v1/admin/keys",
          "{\"name\": \"filebeat\", \"scope\": \"ingest\", \"events_per_second\": 2000}", "Authorization",
          "Bearer " + admin);
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      assertThat(created.json().path("events_per_second").asLong()).isEqualTo(2000);
      assertThat(created.json().path("queries_per_minute").isNull()).isTrue();
      JsonNode listed = server.send("GET", "/api/v1/admin/keys", null, "Authorization", "Bearer " + admin).json();
      assertThat(listed.path("keys").findValues("events_per_second").stream().map(JsonNode::asLong))
          .contains(2000L);

      TestServer.Reply readWithEvents = server.send("POST", "/api/v1/admin/keys",
          "{\"name\": \"grafana\", \"scope\": \"read\", \"events_per_second\": 10}", "Authorization", "Bearer " + admin);
      assertThat(readWithEvents.status()).isEqualTo(400);
      assertThat(readWithEvents.json().path("error").asText()).contains("only an ingest or admin key takes it");
      TestServer.Reply negative = server.send("POST", "/api/v1/admin/keys",
          "{\"name\": \"x\", \"scope\": \"read\", \"queries_per_minute\": -1}", "Authorization", "Bearer " + admin);
      assertThat(negative.status()).isEqualTo(400);
      assertThat(negative.json().path("error").asText()).contains("queries_per_minute is -1");
      TestServer.Reply notANumber = server.send("POST", "/api/v1/admin/keys",
          "{\"name\": \"x\", \"scope\": \"read\", \"queries_per_minute\": \"many\"}", "Authorization", "Bearer " + admin);
      assertThat(notANumber.status()).isEqualTo(400);
    }
  }

  @Test
  void aKeyFileWrittenBeforeLimitsExistedIsReadAsKeysWithoutLimitsOfTheirOwn() throws Exception {
    ApiKeys keys = ApiKeys.open(data, Clock.systemUTC());
    String id = keys.create(new KeySpec("old", Scope.INGEST, List.of(), null, null, new KeyLimits(7, 0))).info().id();
    Path file = keys.path();
    ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
    root.withArray("keys").forEach(key -> ((ObjectNode) key).remove(List.of("events_per_second", "queries_per_minute")));
    Files.writeString(file, root.toString());
    assertThat(Files.readString(file)).doesNotContain("events_per_second");

    KeyInfo read = ApiKeys.open(data, Clock.systemUTC()).list().getFirst();
    assertThat(read.id()).isEqualTo(id);
    assertThat(read.limits()).isEqualTo(KeyLimits.NONE);
    assertThat(read.principal().withDefaultLimits(new KeyLimits(100, 0)).limits().eventsPerSecond())
        .as("the server default applies").isEqualTo(100);
    assertThat(keys.list().getFirst().principal().withDefaultLimits(new KeyLimits(100, 0)).limits()
        .eventsPerSecond()).as("a key's own limit wins over the default").isEqualTo(7);
  }
}
