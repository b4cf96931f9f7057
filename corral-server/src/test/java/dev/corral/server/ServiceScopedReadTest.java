package dev.corral.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A principal restricted to {@value #FILTER} sees only those services' events on every read path —
 * search, query pipes and tables, trace, tail, fields and values, dashboard panels, stats — through
 * the real server ({@link ActAsPrincipal} stands in for a restricted API key).
 */
class ServiceScopedReadTest {
  static final String FILTER = "service:payment-* OR service:checkout";
  private static final Set<String> ALLOWED = Set.of("payment-api", "payment-worker", "checkout");
  private static final List<String> SERVICES = List.of("payment-api", "payment-worker", "checkout", "billing",
      "inventory");
  private static final Set<String> FOREIGN = Set.of("billing", "inventory");
  /** Events per service; every fifth has status 500, every third is an ERROR. */
  private static final int PER_SERVICE = 30;
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String AS = ActAsPrincipal.PREFIX;
  /** The ingested data set lies an hour back; events the tail test sends now stay out of the counts. */
  private static final String BEFORE_NOW = "now-30m";

  @TempDir
  static Path data;
  static TestServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startAndIngest() throws Exception {
    server = TestServer.startActingAsPrincipals(data, Map.of());
    StringBuilder ndjson = new StringBuilder();
    Instant base = Instant.now().minusSeconds(3600);
    int n = 0;
    for (int i = 0; i < PER_SERVICE; i++) {
      for (String service : SERVICES) {
        n++;
        String level = i % 3 == 0 ? "ERROR" : "INFO";
        int status = i % 5 == 0 ? 500 : 200;
        String extra = service.equals("billing") ? ",\"card_number\":\"4111-" + i + "\"" : "";
        extra += service.startsWith("payment") ? ",\"amount\":" + (i * 10) : "";
        String trace = i == 0 ? "t-shared" : i == 1 && service.equals("billing") ? "t-billing-only" : "t-" + service + i;
        ndjson.append("{\"timestamp\":\"").append(base.plusMillis(n * 1000L)).append("\",\"level\":\"").append(level)
            .append("\",\"service\":\"").append(service).append("\",\"message\":\"request ").append(i % 7 == 0
                ? "timeout" : "done").append(" on ").append(service).append("\",\"status\":").append(status)
            .append(",\"trace_id\":\"").append(trace).append("\"").append(extra).append("}\n");
      }
    }
    assertThat(server.ingest(ndjson.toString()).status()).isEqualTo(200);
    server.awaitTotal("*", (long) PER_SERVICE * SERVICES.size());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static String[] restricted() {
    return new String[] {ActAsPrincipal.FILTER_HEADER, FILTER};
  }

  private static JsonNode search(String q, String... headers) {
    TestServer.Reply reply = server.send("GET", AS + "/api/v1/search?limit=1000&to=" + BEFORE_NOW + "&q=" + encode(q),
        null, headers);
    assertThat(reply.status()).as("%s: %s", q, reply.body()).isEqualTo(200);
    return reply.json();
  }

  private static JsonNode query(String q, String... headers) {
    String body = "{\"q\":" + quoted(q) + ",\"limit\":1000,\"to\":\"" + BEFORE_NOW + "\"}";
    TestServer.Reply reply = server.send("POST", AS + "/api/v1/query", body, withJson(headers));
    assertThat(reply.status()).as("%s: %s", q, reply.body()).isEqualTo(200);
    return reply.json();
  }

  private static String[] withJson(String... headers) {
    List<String> all = new ArrayList<>(List.of(headers));
    all.addAll(List.of("Content-Type", "application/json"));
    return all.toArray(String[]::new);
  }

  private static Set<String> servicesOf(JsonNode events) {
    Set<String> services = new TreeSet<>();
    events.forEach(event -> services.add(event.path("service").asText()));
    return services;
  }

  @Test
  void searchReturnsOnlyTheAllowedServicesWhateverTheQuery() {
    JsonNode all = search("", restricted());
    assertThat(all.path("total").asLong()).isEqualTo((long) PER_SERVICE * ALLOWED.size());
    assertThat(servicesOf(all.path("events"))).isEqualTo(new TreeSet<>(ALLOWED));
    for (String widening : List.of("service:billing", "* OR service:billing", "NOT service:checkout",
        "service:* OR service:inventory", "(service:billing OR level:ERROR)", "card_number:*")) {
      JsonNode result = search(widening, restricted());
      assertThat(servicesOf(result.path("events"))).as(widening).doesNotContainAnyElementsOf(FOREIGN);
      assertThat(result.toString()).as(widening).doesNotContain("billing").doesNotContain("inventory");
    }
    assertThat(search("service:billing", restricted()).path("total").asLong()).isZero();
    assertThat(server.search("service:billing", "&to=" + BEFORE_NOW).path("total").asLong())
        .as("unrestricted sees billing")
        .isEqualTo(PER_SERVICE);
  }

  @Test
  void pipesAndTablesSeeOnlyTheAllowedServices() {
    JsonNode byService = query("* | stats count() by service", restricted());
    Map<String, Long> counts = new java.util.TreeMap<>();
    byService.path("rows").forEach(row -> counts.put(row.get(0).asText(), row.get(1).asLong()));
    assertThat(counts).isEqualTo(Map.of("checkout", (long) PER_SERVICE, "payment-api", (long) PER_SERVICE,
        "payment-worker", (long) PER_SERVICE));
    for (String q : List.of("* | top service", "* | timechart count() by service", "* | fields service, message",
        "* | where service = \"billing\"", "service:billing OR * | stats count() by service, level",
        "* | head 1000 | stats count() by service", "* | sort status | head 1000 | fields service",
        "* | stats count_distinct(service)", "level:ERROR | top 100 trace_id")) {
      JsonNode result = query(q, restricted());
      assertThat(result.toString()).as(q).doesNotContain("billing").doesNotContain("inventory");
    }
    assertThat(query("* | stats count_distinct(service)", restricted()).path("rows").get(0).get(0).asLong())
        .isEqualTo(ALLOWED.size());
    assertThat(query("* | where service = \"billing\"", restricted()).path("total").asLong()).isZero();
  }

  @Test
  void traceOfASharedIdShowsOnlyTheAllowedServicesAndAForeignOneLooksUnknown() {
    JsonNode shared = server.send("GET", AS + "/api/v1/trace/t-shared", null, restricted()).json();
    assertThat(shared.path("total").asLong()).isEqualTo(ALLOWED.size());
    Set<String> services = new TreeSet<>();
    shared.path("services").forEach(span -> services.add(span.path("service").asText()));
    assertThat(services).isEqualTo(new TreeSet<>(ALLOWED));
    assertThat(shared.toString()).doesNotContain("billing").doesNotContain("inventory");
    assertThat(server.get("/api/v1/trace/t-shared").json().path("total").asLong()).as("unrestricted")
        .isEqualTo(SERVICES.size());

    JsonNode foreign = server.send("GET", AS + "/api/v1/trace/t-billing-only", null, restricted()).json();
    JsonNode unknown = server.send("GET", AS + "/api/v1/trace/t-billing-onlx", null, restricted()).json();
    assertThat(withoutNoise(foreign)).as("a foreign trace answers like an unknown one").isEqualTo(withoutNoise(unknown));
    assertThat(foreign.path("total").asLong()).isZero();
  }

  /** The answer without its id and timings, which differ between any two answers. */
  private static JsonNode withoutNoise(JsonNode answer) {
    ObjectNode copy = answer.deepCopy();
    copy.remove(List.of("id", "took_ms", "steps"));
    return copy;
  }

  @Test
  void tailReceivesOnlyTheAllowedServicesEvents() throws Exception {
    try (SseClient tail = SseClient.open(http, server.uri(AS + "/api/v1/tail?q=" + encode("message:tailed")),
        restricted())) {
      assertThat(tail.response().statusCode()).isEqualTo(200);
      assertThat(server.ingest("{\"service\":\"billing\",\"message\":\"tailed foreign\"}").status()).isEqualTo(200);
      assertThat(server.ingest("{\"service\":\"inventory\",\"message\":\"tailed foreign\"}").status()).isEqualTo(200);
      assertThat(server.ingest("{\"service\":\"payment-api\",\"message\":\"tailed allowed\"}").status())
          .isEqualTo(200);
      List<JsonNode> seen = new ArrayList<>();
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (seen.isEmpty() && System.nanoTime() < deadline) {
        tail.next("events", WAIT).json().path("events").forEach(seen::add);
      }
      assertThat(seen).as("only the allowed event, though the foreign ones came first").hasSize(1);
      assertThat(seen.get(0).path("service").asText()).isEqualTo("payment-api");
    }
    server.awaitTotal("message:tailed", 3);
  }

  @Test
  void fieldListsAndValuesNameOnlyWhatTheAllowedEventsHave() {
    JsonNode fields = server.send("GET", AS + "/api/v1/fields?sample=5000", null, restricted()).json();
    Set<String> names = new HashSet<>();
    fields.path("fields").forEach(field -> names.add(field.path("name").asText()));
    assertThat(names).contains("service", "amount").doesNotContain("card_number");
    assertThat(fields.toString()).doesNotContain("billing").doesNotContain("inventory");

    JsonNode values = server.send("GET", AS + "/api/v1/fields/service/values?limit=100", null, restricted()).json();
    Set<String> listed = new TreeSet<>();
    values.path("values").forEach(value -> listed.add(value.path("value").asText()));
    assertThat(listed).isEqualTo(new TreeSet<>(ALLOWED));
    JsonNode prefixed = server.send("GET", AS + "/api/v1/fields/service/values?prefix=b", null, restricted()).json();
    assertThat(prefixed.path("values")).isEmpty();

    JsonNode foreignField = server.send("GET", AS + "/api/v1/fields/card_number/values", null, restricted()).json();
    JsonNode noField = server.send("GET", AS + "/api/v1/fields/card_numbex/values", null, restricted()).json();
    assertThat(foreignField.path("values")).isEmpty();
    assertThat(foreignField.path("warning").asText()).startsWith("no event has a field 'card_number'");
    assertThat(noField.path("warning").asText()).doesNotContain("card_number");
    assertThat(server.get("/api/v1/fields/card_numbex/values").json().path("warning").asText())
        .as("unrestricted, the hint names the field").contains("did you mean 'card_number'");
  }

  @Test
  void didYouMeanHintsNameOnlyFieldsOfAllowedEvents() {
    JsonNode restrictedAnswer = search("card_numbr:x", restricted());
    assertThat(restrictedAnswer.path("warnings").toString()).contains("card_numbr").doesNotContain("card_number");
    assertThat(search("card_numbr:x").path("warnings").toString()).as("unrestricted").contains("card_number");
    assertThat(search("amout:>5", restricted()).path("warnings").toString()).contains("did you mean 'amount'");
  }

  @Test
  void hintsLearnTheNewFieldsOfAllowedEventsOnceTheStoreHasThem() throws Exception {
    String[] headers = restricted();
    String q = "fresh_field:x";
    TestServer.Reply before = server.send("GET", AS + "/api/v1/search?q=" + encode(q), null, headers);
    assertThat(before.json().path("warnings").toString()).contains("no event has a field 'fresh_field'");
    assertThat(server.ingest("{\"service\":\"checkout\",\"message\":\"fresh\",\"fresh_field\":\"x\"}").status())
        .isEqualTo(200);
    server.awaitTotal(q, 1);
    JsonNode after = null;
    for (int attempt = 0; attempt < 400; attempt++) { // the store learns names at its next refresh (100 ms here)
      after = server.send("GET", AS + "/api/v1/search?q=" + encode(q), null, headers).json();
      if (!after.has("warnings")) {
        break;
      }
      Thread.sleep(50);
    }
    assertThat(after.has("warnings")).as("still warned: %s", after).isFalse();
    assertThat(after.path("total").asLong()).isEqualTo(1);
  }

  @Test
  void dashboardPanelsRunAsTheRestrictedPrincipal() {
    String board = """
        {"title": "Everything", "panels": [
          {"id": "all", "title": "By service", "query": "* | stats count() by service", "visualization": "table"},
          {"id": "errors", "title": "Errors", "query": "level:ERROR | timechart count() by service",
           "visualization": "line"}]}""";
    assertThat(server.send("PUT", "/api/v1/dashboards/everything", board, "Content-Type", "application/json").status())
        .isEqualTo(200);
    List<String> panelQueries = new ArrayList<>();
    for (String id : List.of("everything", "incident")) {
      JsonNode definition = server.send("GET", AS + "/api/v1/dashboards/" + id, null, restricted()).json();
      definition.path("panels").forEach(panel -> panelQueries.add(panel.path("query").asText()));
    }
    assertThat(panelQueries).hasSizeGreaterThan(4);
    for (String q : panelQueries) {
      JsonNode answer = query(q, restricted());
      assertThat(answer.toString()).as(q).doesNotContain("billing").doesNotContain("inventory");
    }
    assertThat(query("* | stats count() by service").toString()).as("unrestricted").contains("billing");
  }

  @Test
  void statsShowARestrictedKeyNoFigureAboutOtherServices() {
    JsonNode stats = server.send("GET", AS + "/api/v1/stats", null, restricted()).json();
    Set<String> entries = new TreeSet<>();
    stats.fieldNames().forEachRemaining(entries::add);
    assertThat(entries).isEqualTo(Set.of("version", "uptime_seconds", "queries", "jvm", "read_restriction"));
    assertThat(stats.path("read_restriction").asText()).isEqualTo(FILTER);
    JsonNode full = server.get("/api/v1/stats").json();
    assertThat(full.has("partitions") && full.has("ingest") && full.has("inputs") && full.has("dead_letters")).isTrue();

    TestServer.Reply metrics = server.send("GET", AS + "/metrics", null, restricted());
    assertThat(metrics.status()).isEqualTo(403);
    assertThat(metrics.json().path("error").asText()).contains("test-key").contains(FILTER);
    assertThat(server.send("GET", AS + "/metrics", null).status()).as("unrestricted").isEqualTo(200);
  }

  @Test
  void alertRuleEvaluationsAreHiddenFromARestrictedKey() throws Exception {
    assertThat(server.send("PUT", "/api/v1/alerts/rules/events_everywhere", "name: events_everywhere\n"
        + "query: \"* | stats count() as events by service\"\nevery: 1h\nwindow: 3h\ncondition: \"events > 0\"\n")
        .status()).isEqualTo(200);
    Await.until("the rule evaluated", () -> !server.get("/api/v1/alerts/rules/events_everywhere").json()
        .path("last_evaluation").isNull());
    assertThat(server.get("/api/v1/alerts/rules/events_everywhere").body()).contains("billing");
    for (String path : List.of("/api/v1/alerts/rules", "/api/v1/alerts/rules/events_everywhere")) {
      TestServer.Reply restricted = server.send("GET", AS + path, null, restricted());
      assertThat(restricted.status()).isEqualTo(200);
      assertThat(restricted.body()).as(path).contains("events_everywhere").doesNotContain("billing")
          .doesNotContain("payment-api");
    }
  }

  @Test
  void alertInstancesAreRefusedToARestrictedKey() {
    TestServer.Reply refused = server.send("GET", AS + "/api/v1/alerts/instances", null, restricted());
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().path("error").asText()).contains("every service", "test-key", FILTER);
    assertThat(server.send("GET", AS + "/api/v1/alerts/instances", null).status()).as("unrestricted").isEqualTo(200);
  }

  @Test
  void aKeyWhoseFilterDoesNotParseReadsNothing() throws Exception {
    String[] broken = {ActAsPrincipal.FILTER_HEADER, "service:(payment"};
    TestServer.Reply search = server.send("GET", AS + "/api/v1/search?q=*", null, broken);
    assertThat(search.status()).isEqualTo(403);
    assertThat(search.json().path("error").asText()).contains("test-key").contains("service:(payment");
    assertThat(server.send("GET", AS + "/api/v1/trace/t-shared", null, broken).status()).isEqualTo(403);
    assertThat(server.send("GET", AS + "/api/v1/fields", null, broken).status()).isEqualTo(403);
    assertThat(server.send("GET", AS + "/api/v1/fields/service/values", null, broken).status()).isEqualTo(403);
    assertThat(server.send("GET", AS + "/api/v1/tail", null, broken).status()).isEqualTo(403);
  }

  /** A concrete path for each wildcard read route; a new one fails the walk until it is added here. */
  private static final Map<String, String> WILDCARD_SAMPLES = Map.of("/api/v1/trace/*", "/api/v1/trace/t-shared",
      "/api/v1/fields/*", "/api/v1/fields/service/values", "/api/v1/dashboards/*", "/api/v1/dashboards/incident",
      "/api/v1/alerts/rules/*", "/api/v1/alerts/rules/events_everywhere");
  /** Read routes a plain GET cannot check, and the test that covers each. */
  private static final Map<String, String> COVERED_ELSEWHERE = Map.of(
      "/api/v1/tail", "tailReceivesOnlyTheAllowedServicesEvents (a stream)",
      "/metrics", "statsShowARestrictedKeyNoFigureAboutOtherServices (403)",
      "/api/v1/alerts/instances", "alertInstancesAreRefusedToARestrictedKey (403)");

  @Test
  void everyReadRouteAnswersARestrictedKeyWithoutOtherServicesData() {
    List<String> walked = new ArrayList<>();
    for (var route : ActAsPrincipal.servedRoutes()) {
      if (!route.method().equals("GET") || COVERED_ELSEWHERE.containsKey(route.path())) {
        continue; // writes are the route table's scope check; POST /api/v1/query is every test above
      }
      String path = route.isPrefix() ? WILDCARD_SAMPLES.get(route.path()) : route.path();
      assertThat(path).as("add a sample path for the new read route %s to WILDCARD_SAMPLES", route.path()).isNotNull();
      TestServer.Reply reply = server.send("GET", AS + path, null, restricted());
      assertThat(reply.status()).as("%s: %s", path, reply.body()).isEqualTo(200);
      assertThat(reply.body()).as(path).doesNotContain("billing").doesNotContain("inventory")
          .doesNotContain("card_number");
      walked.add(path);
    }
    assertThat(walked).contains("/api/v1/search", "/api/v1/fields", "/api/v1/stats", "/api/v1/trace/t-shared",
        "/api/v1/fields/service/values", "/api/v1/dashboards", "/api/v1/dashboards/incident");
    assertThat(server.get("/api/v1/search?q=*&limit=1000").body()).as("unrestricted").contains("billing");
  }

  /** Queries made of random filter clauses and a random pipe; {@code RANDOM_QUERIES} of them per run. */
  private static final int RANDOM_QUERIES = 60;
  private static final List<String> CLAUSES = List.of("level:ERROR", "level:INFO", "service:billing",
      "service:checkout", "service:payment-*", "service:inventory", "status:500", "status:>=300", "message:timeout",
      "message:done", "card_number:*", "amount:>100", "trace_id:t-shared", "*");
  private static final List<String> PIPES = List.of("", " | stats count() by service", " | stats count() by level",
      " | top 20 service", " | timechart span=10m count() by service", " | fields service, level, status",
      " | where status > 300 | stats count() by service", " | sort status | head 15",
      " | stats count_distinct(service), avg(status)", " | top 50 trace_id");

  @Test
  void aRestrictedQueryAnswersLikeTheUnrestrictedQueryAndedWithTheFilterByHand() {
    long seed = Long.getLong("tests.seed", new java.util.Random().nextLong());
    System.out.println("ServiceScopedReadTest differential seed=" + seed);
    java.util.Random random = new java.util.Random(seed);
    for (int i = 0; i < RANDOM_QUERIES; i++) {
      String filter = randomFilter(random, 2);
      String pipe = PIPES.get(random.nextInt(PIPES.size()));
      JsonNode asRestricted = query(filter + pipe, restricted());
      JsonNode byHand = query("(" + FILTER + ") AND (" + filter + ")" + pipe);
      assertThat(comparable(asRestricted)).as("seed %d: %s", seed, filter + pipe).isEqualTo(comparable(byHand));
    }
  }

  private static String randomFilter(java.util.Random random, int depth) {
    String clause = CLAUSES.get(random.nextInt(CLAUSES.size()));
    if (depth == 0 || random.nextInt(3) == 0) {
      return random.nextInt(4) == 0 ? "NOT " + clause : clause;
    }
    String operator = random.nextBoolean() ? " OR " : " AND ";
    return "(" + randomFilter(random, depth - 1) + operator + randomFilter(random, depth - 1) + ")";
  }

  /** The answer without timings and hints (the hints differ by design: see the did-you-mean test). */
  private static JsonNode comparable(JsonNode answer) {
    ObjectNode copy = answer.deepCopy();
    copy.remove(List.of("took_ms", "steps", "warnings"));
    return copy;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
