package dev.corral.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.Await;
import dev.corral.server.SseClient;
import dev.corral.server.TestServer;
import dev.corral.server.auth.ApiKeys;
import dev.corral.server.auth.KeySpec;
import dev.corral.server.auth.Scope;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit log over HTTP, with access control on: admin requests, key changes and searches become
 * {@code logtype:audit} events with who, what and the range; only admins read them, through every
 * read route; a flood of searches never waits for the log; the events are durable like any other.
 */
class AuditLogTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Map<String, String> KEYS = Map.of("auth.mode", "keys");

  @TempDir
  Path data;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void adminActionsKeyChangesAndSearchesAreRecordedWithWhoQueryAndRange() throws Exception {
    String admin = key("ops", Scope.ADMIN, List.of());
    String adminId = idOf(admin);
    try (TestServer server = TestServer.start(data, KEYS)) {
      TestServer.Reply created = server.send("POST", "/api/v1/admin/keys", "{\"name\": \"analyst\", \"scope\": \"read\"}",
          as(admin));
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      String reader = created.json().path("key").asText();
      String readerId = idOf(reader);
      assertThat(server.send("GET", "/api/v1/search?q=" + encode("level:ERROR") + "&from=now-1h&to=now", null, as(reader))
          .status()).isEqualTo(200);
      assertThat(server.send("POST", "/api/v1/query", "{\"q\": \"service:web | stats count()\", \"from\": \"now-2h\"}",
          as(admin)).status()).isEqualTo(200);
      assertThat(server.send("GET", "/api/v1/trace/t-42", null, as(reader)).status()).isEqualTo(200);

      JsonNode search = awaitOne(server, admin, "audit.kind:search AND audit.actor:" + readerId);
      assertThat(search.path("service").asText()).isEqualTo("corral");
      assertThat(search.path("audit.action").asText()).isEqualTo("search");
      assertThat(search.path("audit.actor_name").asText()).isEqualTo("analyst");
      assertThat(search.path("audit.query").asText()).isEqualTo("level:ERROR");
      assertThat(search.path("audit.from").asText()).isEqualTo("now-1h");
      assertThat(search.path("audit.to").asText()).isEqualTo("now");
      assertThat(search.path("audit.outcome").asText()).isEqualTo("allowed");
      assertThat(search.path("audit.remote_address").asText()).isNotEmpty();

      JsonNode query = awaitOne(server, admin, "audit.kind:query");
      assertThat(query.path("audit.actor").asText()).isEqualTo(adminId);
      assertThat(query.path("audit.query").asText()).isEqualTo("service:web | stats count()");
      assertThat(query.path("audit.from").asText()).isEqualTo("now-2h");
      assertThat(query.path("audit.to").asText()).as("no upper bound sent").isEmpty();
      assertThat(awaitOne(server, admin, "audit.kind:trace").path("audit.query").asText()).isEqualTo("t-42");
      assertThat(server.send("GET", "/api/v1/export?q=" + encode("service:web") + "&from=now-3h&to=now", null,
          as(reader)).status()).isEqualTo(200);
      JsonNode export = awaitOne(server, admin, "audit.kind:export");
      assertThat(export.path("audit.actor").asText()).isEqualTo(readerId);
      assertThat(export.path("audit.query").asText()).isEqualTo("service:web");
      assertThat(export.path("audit.from").asText()).isEqualTo("now-3h");

      JsonNode keyCreated = awaitOne(server, admin, "audit.action:key_created");
      assertThat(keyCreated.path("audit.actor").asText()).isEqualTo(adminId);
      assertThat(keyCreated.path("audit.key_id").asText()).isEqualTo(readerId);
      assertThat(keyCreated.path("audit.key_name").asText()).isEqualTo("analyst");
      assertThat(keyCreated.path("audit.key_scope").asText()).isEqualTo("read");
      assertThat(keyCreated.toString()).as("never the secret").doesNotContain(reader.substring(readerId.length() + 1));

      JsonNode adminAction = awaitOne(server, admin, "audit.action:admin_action AND audit.method:POST");
      assertThat(adminAction.path("audit.path").asText()).isEqualTo("/api/v1/admin/keys");
      assertThat(adminAction.path("audit.status").asText()).isEqualTo("201");
      assertThat(adminAction.path("audit.actor_name").asText()).isEqualTo("ops");

      assertThat(server.send("DELETE", "/api/v1/admin/keys/" + readerId, null, as(admin)).status()).isEqualTo(200);
      assertThat(awaitOne(server, admin, "audit.action:key_revoked").path("audit.key_id").asText()).isEqualTo(readerId);
      assertThat(server.send("DELETE", "/api/v1/admin/keys/nosuchkey", null, as(admin)).status()).isEqualTo(404);
      JsonNode refused = awaitOne(server, admin, "audit.action:admin_action AND audit.status:404");
      assertThat(refused.path("audit.outcome").asText()).isEqualTo("refused");
      assertThat(refused.path("level").asText()).isEqualTo("WARN");
    }
  }

  @Test
  void onlyAdminsReadAuditEventsThroughAnyReadRoute() throws Exception {
    String admin = key("ops", Scope.ADMIN, List.of());
    String reader = key("analyst", Scope.READ, List.of());
    String readerId = idOf(reader);
    String corralOnly = key("corral watcher", Scope.READ, List.of("corral"));
    try (TestServer server = TestServer.start(data, KEYS)) {
      assertThat(server.send("POST", "/api/v1/ingest", "{\"service\":\"corral\",\"message\":\"an ordinary event\"}\n",
          as(admin)).status()).isEqualTo(200);
      search(server, reader, "before the tails");
      awaitOne(server, admin, "audit.query:\"before the tails\"");
      try (SseClient readerTail = SseClient.open(http, server.uri("/api/v1/tail"), as(reader));
          SseClient adminTail = SseClient.open(http, server.uri("/api/v1/tail?q="
              + encode("logtype:audit AND audit.actor:" + readerId)), as(admin))) {
        assertThat(readerTail.response().statusCode()).isEqualTo(200);
        search(server, reader, "while tailing");
        assertThat(firstTailed(adminTail).path("audit.query").asText())
            .as("the admin's tail gets audit events").isEqualTo("while tailing");
        awaitOne(server, admin, "audit.query:\"while tailing\"");
        assertThat(server.send("POST", "/api/v1/ingest", "{\"service\":\"web\",\"message\":\"tail marker\"}\n",
            as(admin)).status()).isEqualTo(200);
        JsonNode tailed = firstTailed(readerTail);
        assertThat(tailed.path("message").asText())
            .as("the search's audit event is in the log before the marker, and the reader's tail skipped it")
            .isEqualTo("tail marker");
      }
      for (String key : List.of(reader, corralOnly)) {
        for (String q : List.of("logtype:audit", "*", "audit.action:search", "service:corral")) {
          JsonNode answer = search(server, key, q);
          answer.path("events").forEach(event -> assertThat(event.path("logtype").asText()).as(q).isNotEqualTo("audit"));
        }
        assertThat(search(server, key, "logtype:audit").path("total").asLong()).isZero();
        JsonNode counts = search(server, key, "* | stats count() by logtype");
        assertThat(counts.toString()).as("stats pipe").doesNotContain("audit");
        TestServer.Reply fields = server.send("GET", "/api/v1/fields?q=*", null, as(key));
        assertThat(fields.status()).isEqualTo(200);
        assertThat(fields.body()).as("field summaries").doesNotContain("audit.");
        TestServer.Reply values = server.send("GET", "/api/v1/fields/audit.action/values", null, as(key));
        assertThat(values.status()).isEqualTo(200);
        assertThat(values.json().path("values")).as("field values").isEmpty();
      }
      assertThat(search(server, reader, "an ordinary event").path("total").asLong()).isEqualTo(1);

      assertThat(server.send("POST", "/api/v1/ingest",
          "{\"service\":\"web\",\"logtype\":\"audit\",\"audit.action\":\"key_created\",\"message\":\"forged entry\"}\n",
          as(admin)).status()).isEqualTo(200);
      JsonNode forged = awaitTotal(server, reader, "\"forged entry\"", 1);
      assertThat(forged.path("events").get(0).path("logtype").asText())
          .as("a client cannot write into the audit log, nor hide its events as audit entries").isEqualTo("claimed_audit");
      assertThat(search(server, admin, "logtype:audit AND audit.action:key_created").path("total").asLong())
          .as("no key was created: the forged entry is not in the audit log").isZero();
      assertThat(search(server, corralOnly, "*").path("total").asLong())
          .as("the restricted key reads its own service's events, not the audit log's").isEqualTo(1);
      assertThat(server.send("GET", "/metrics", null, as(reader)).status())
          .as("an unrestricted read key is not made a restricted one by the hidden audit log").isEqualTo(200);
      assertThat(server.send("GET", "/api/v1/stats", null, as(reader)).json().path("audit").path("enabled").asBoolean())
          .isTrue();
      assertThat(search(server, admin, "logtype:audit audit.actor_name:analyst").path("total").asLong())
          .as("the admin sees the reader's searches").isPositive();
    }
  }

  @Test
  void aFloodOfSearchesNeverWaitsForTheAuditLogAndEveryEntryIsWrittenOrCounted() throws Exception {
    int searches = 40;
    // without keys (no Argon2 per request: the flood is quick), the audit log on: every search is the local operator's
    try (TestServer server = TestServer.start(data, Map.of("audit.enabled", "true", "audit.max_queued", "1"))) {
      List<Future<Integer>> statuses = new ArrayList<>();
      try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
        for (int i = 0; i < searches; i++) {
          String q = "flood_" + i;
          statuses.add(clients.submit(() -> server.get("/api/v1/search?q=" + q).status()));
        }
      }
      for (Future<Integer> status : statuses) {
        assertThat(status.get()).as("no search waited for the audit log or failed because of it").isEqualTo(200);
      }
      JsonNode audit = settled(server);
      assertThat(audit.path("recorded").asLong()).as("every search recorded").isEqualTo(searches);
      long written = audit.path("written").asLong();
      String before = Instant.now().toString();
      Await.until("the written audit events searchable",
          () -> server.search("logtype:audit", "&to=" + before).path("total").asLong() >= written);
      assertThat(server.search("logtype:audit", "&to=" + before).path("total").asLong())
          .as("what was written is stored, nothing more").isEqualTo(written);
      assertThat(server.search("logtype:audit audit.actor:local audit.query:flood_7", "&to=" + before)
          .path("total").asLong()).isLessThanOrEqualTo(1);

      audit = settled(server); // the searches above were recorded too
      String metrics = server.get("/metrics").body();
      assertThat(metrics)
          .contains("corral_audit_entries_total{outcome=\"dropped\"} " + audit.path("dropped").asLong() + ".0")
          .contains("corral_audit_entries_total{outcome=\"written\"} " + audit.path("written").asLong() + ".0");
    }
  }

  /** Waits until every entry recorded is written or dropped (stats and metrics record nothing), and returns the stats. */
  private static JsonNode settled(TestServer server) throws InterruptedException {
    JsonNode[] audit = new JsonNode[1];
    Await.until("every audit entry written or dropped", () -> {
      audit[0] = server.get("/api/v1/stats").json().path("audit");
      return audit[0].path("queued").asLong() == 0
          && audit[0].path("recorded").asLong() == audit[0].path("written").asLong() + audit[0].path("dropped").asLong();
    });
    return audit[0];
  }

  @Test
  void auditEventsSurviveARestart() throws Exception {
    String admin = key("ops", Scope.ADMIN, List.of());
    try (TestServer server = TestServer.start(data, KEYS)) {
      search(server, admin, "kept across restarts");
      awaitOne(server, admin, "audit.query:\"kept across restarts\"");
    }
    try (TestServer again = TestServer.start(data, KEYS)) {
      JsonNode kept = search(again, admin, "logtype:audit audit.query:\"kept across restarts\"");
      assertThat(kept.path("total").asLong()).isEqualTo(1);
      assertThat(kept.path("events").get(0).path("audit.actor_name").asText()).isEqualTo("ops");
    }
  }

  private String key(String name, Scope scope, List<String> services) throws Exception {
    return ApiKeys.open(data, Clock.systemUTC()).create(new KeySpec(name, scope, services, null, null)).key();
  }

  private static String idOf(String key) {
    return key.substring(0, key.indexOf(':'));
  }

  private static String[] as(String key) {
    return new String[] {"Authorization", "Bearer " + key};
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static JsonNode search(TestServer server, String key, String q) {
    return search(server, key, q, "");
  }

  private static JsonNode search(TestServer server, String key, String q, String extra) {
    TestServer.Reply reply = server.send("GET", "/api/v1/search?q=" + encode(q) + extra, null, as(key));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  /** Waits until {@code key} finds {@code expected} events matching {@code q}, and returns the answer. */
  private static JsonNode awaitTotal(TestServer server, String key, String q, long expected) throws InterruptedException {
    JsonNode[] answer = new JsonNode[1];
    Await.until(expected + " events " + q, () -> {
      answer[0] = search(server, key, q);
      return answer[0].path("total").asLong() == expected;
    });
    return answer[0];
  }

  /** Waits until the admin finds exactly one audit event matching {@code q}, and returns it. */
  private static JsonNode awaitOne(TestServer server, String admin, String q) throws InterruptedException {
    return awaitTotal(server, admin, "logtype:audit AND (" + q + ")", 1).path("events").path(0);
  }

  /** The first event a tail sends. */
  private static JsonNode firstTailed(SseClient tail) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode message = tail.next("events", WAIT).json();
      if (message.path("events").size() > 0) {
        return message.path("events").get(0);
      }
    }
    throw new AssertionError("no event tailed within " + WAIT);
  }
}
