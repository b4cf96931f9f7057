package dev.corral.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics}: the server's metrics in the Prometheus text format, read as a scraper would. */
class MetricsApiTest {
  /** One sample line: a name, optional labels, a value (no timestamps are written). */
  private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)");
  private static final Set<String> SUFFIXES = Set.of("_total", "_count", "_sum", "_bucket", "_created");

  @TempDir
  Path data;

  @Test
  void countsEventsPerInputAndTheWal() throws Exception {
    try (TestServer server = TestServer.start(data)) {
      countEventsPerInputAndTheWal(server);
    }
  }

  private static void countEventsPerInputAndTheWal(TestServer server) throws Exception {
    assertThat(server.ingest("""
        {"service":"metrics","message":"one"}
        {"service":"metrics","message":"two"}
        not json at all
        {"service":"metrics","message":"three"}
        """).status()).isEqualTo(200);
    String bulk = "{\"index\":{\"_index\":\"app\"}}\n{\"service\":\"metrics\",\"message\":\"four\"}\n"
        + "{\"index\":{\"_index\":\"app\"}}\n{\"service\":\"metrics\",\"message\":\"five\"}\n";
    assertThat(server.post("/_bulk", bulk.getBytes(StandardCharsets.UTF_8), "Content-Type", "application/x-ndjson")
        .status()).isEqualTo(200);
    server.awaitTotal("service:metrics", 5);

    TestServer.Reply reply = server.get("/metrics");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
    Map<String, Double> samples = parse(reply.body());
    assertThat(samples).containsKeys("# TYPE corral_ingest_events_total counter",
        "# TYPE corral_indexing_pending_events gauge", "# TYPE corral_wal_appended_records_total counter");

    assertThat(samples).containsEntry("corral_ingest_events_total{input=\"ndjson\"}", 3.0)
        .containsEntry("corral_ingest_events_total{input=\"bulk\"}", 2.0)
        .containsEntry("corral_ingest_dead_letters_total{input=\"ndjson\"}", 1.0)
        .containsEntry("corral_ingest_dead_letters_total{input=\"bulk\"}", 0.0)
        .as("one WAL record per request").containsEntry("corral_wal_appended_records_total", 2.0);
    assertThat(samples.get("corral_wal_appended_bytes_total")).isPositive();
    assertThat(samples.get("corral_wal_consumer_lag_bytes{consumer=\"indexer\"}")).isNotNegative();
    assertThat(samples).containsKeys("corral_indexing_pending_events", "corral_tail_subscribers",
        "corral_wal_bytes_on_disk");
    assertThat(samples.get("corral_http_connections")).as("this scrape's own connection").isPositive();
  }

  @Test
  void aSearchIsObservedInItsLaneAndARefusalIsCounted() throws Exception {
    try (TestServer server = TestServer.start(data)) {
      observeASearchAndCountARefusal(server);
    }
  }

  private static void observeASearchAndCountARefusal(TestServer server) {
    String count = "corral_query_duration_seconds_count{kind=\"search\",lane=\"normal\"}";
    double before = parse(server.get("/metrics").body()).getOrDefault(count, 0.0);

    server.search("level:ERROR");
    Map<String, Double> after = parse(server.get("/metrics").body());
    assertThat(after).containsKey("# TYPE corral_query_duration_seconds histogram");
    assertThat(after.get(count)).isEqualTo(before + 1);
    assertThat(after.get("corral_query_duration_seconds_bucket{kind=\"search\",lane=\"normal\",le=\"+Inf\"}")).isEqualTo(before + 1);

    String absurd = String.join(" OR ", java.util.stream.IntStream.range(0, 1000)
        .mapToObj(i -> "trace_id:*" + String.format("%03x", i) + "*").toList());
    assertThat(server.send("POST", "/api/v1/query", "{\"q\":\"" + absurd + "\"}", "Content-Type",
        "application/json").status()).isEqualTo(400);
    assertThat(parse(server.get("/metrics").body()))
        .containsEntry("corral_query_refused_total{reason=\"too_costly\"}", 1.0)
        .as("a refused query never ran").containsEntry(count, before + 1);
  }

  @Test
  void refusedRequestsAreCountedPerInputAndReason() throws Exception {
    try (TestServer server = TestServer.start(data, Map.of("storage.min_free_bytes", "1024TiB"))) {
      assertThat(server.ingest("{\"message\":\"no room\"}\n").status()).isEqualTo(507);
      assertThat(server.ingest("{\"message\":\"still no room\"}\n").status()).isEqualTo(507);

      assertThat(parse(server.get("/metrics").body()))
          .containsEntry("corral_ingest_refused_requests_total{input=\"ndjson\",reason=\"disk_full\"}", 2.0)
          .as("nothing was stored").doesNotContainKey("corral_ingest_events_total{input=\"ndjson\"}")
          .containsEntry("corral_wal_appended_records_total", 0.0);
    }
  }

  /**
   * Issue 13: refusals an input raised itself before the ingest path (a wrong content type, a body
   * over the limit, an unreadable body) were not counted; they are now, per input, as are the
   * dead letters of what each input could not decode.
   */
  @Test
  void refusalsRaisedByAnInputsOwnEnvelopeAndItsDecodeErrorsAreCountedPerInput() throws Exception {
    try (TestServer server = TestServer.start(data, Map.of("http.max_body_bytes", "1MiB"))) {
      assertThat(server.post("/gelf", "{}".getBytes(StandardCharsets.UTF_8), "Content-Type", "image/png").status())
          .isEqualTo(415);
      assertThat(server.post("/v1/logs", new byte[2 << 20], "Content-Type", "application/x-protobuf").status())
          .isEqualTo(413);
      assertThat(server.post("/loki/api/v1/push", "{\"streams\":".getBytes(StandardCharsets.UTF_8), "Content-Type",
          "application/json").status()).isEqualTo(400);
      assertThat(server.post("/gelf", "{\"version\":\"1.1\"}".getBytes(StandardCharsets.UTF_8), "Content-Type",
          "application/json").status()).as("a GELF message without host or short_message").isEqualTo(400);

      assertThat(parse(server.get("/metrics").body()))
          .containsEntry("corral_ingest_refused_requests_total{input=\"gelf\",reason=\"invalid\"}", 1.0)
          .containsEntry("corral_ingest_refused_requests_total{input=\"otlp\",reason=\"too_large\"}", 1.0)
          .containsEntry("corral_ingest_refused_requests_total{input=\"loki\",reason=\"invalid\"}", 1.0)
          .containsEntry("corral_ingest_dead_letters_total{input=\"gelf\"}", 1.0);
      assertThat(server.get("/api/v1/stats").json().path("inputs").path("gelf").path("refused_requests").asLong())
          .as("the input's stats say the same").isEqualTo(1);
    }
  }

  /**
   * Reads Prometheus text: every sample must belong to a family announced by a HELP and a TYPE line
   * before it. Returns each sample's name and labels (as written) with its value, and each family's
   * type as a key {@code "# TYPE name type"}.
   */
  private static Map<String, Double> parse(String text) {
    Set<String> help = new HashSet<>();
    Map<String, String> types = new HashMap<>();
    Map<String, Double> samples = new HashMap<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("# HELP ")) {
        help.add(line.split(" ")[2]);
      } else if (line.startsWith("# TYPE ")) {
        String[] parts = line.split(" ");
        assertThat(parts[3]).as(line).isIn("counter", "gauge", "histogram", "summary", "untyped");
        types.put(parts[2], parts[3]);
      } else if (!line.isBlank()) {
        Matcher sample = SAMPLE.matcher(line);
        assertThat(sample.matches()).as("sample line '%s'", line).isTrue();
        String family = family(sample.group(1), types.keySet());
        assertThat(help).as("HELP before '%s'", line).contains(family);
        samples.put(sample.group(1) + (sample.group(2) == null ? "" : sample.group(2)),
            Double.parseDouble(sample.group(3).replace("+Inf", "Infinity")));
      }
    }
    types.forEach((family, type) -> samples.put("# TYPE " + family + " " + type, 0.0));
    return samples;
  }

  /** The announced family a sample belongs to: its name, or its name less a counter or histogram suffix. */
  private static String family(String name, Set<String> announced) {
    if (announced.contains(name)) {
      return name;
    }
    for (String suffix : SUFFIXES) {
      if (name.endsWith(suffix) && announced.contains(name.substring(0, name.length() - suffix.length()))) {
        return name.substring(0, name.length() - suffix.length());
      }
    }
    throw new AssertionError("no TYPE line for the sample '" + name + "'");
  }
}
