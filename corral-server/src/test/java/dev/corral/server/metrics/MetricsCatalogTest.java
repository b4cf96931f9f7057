package dev.corral.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.corral.server.SseClient;
import dev.corral.server.TestServer;
import dev.corral.server.auth.ApiKeys;
import dev.corral.server.auth.KeySpec;
import dev.corral.server.auth.Scope;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} against docs/metrics.md and docs/grafana/corral-dashboard.json: one server
 * (API keys on) is put through each kind of activity — ingest on two inputs, one run through a
 * pipeline, a request refused by a service quota, a dead letter, a search, a query, a trace, a field
 * listing, a query refused as too costly, a live tail, a request without a key, an alert rule that
 * fires and notifies a webhook, a recording rule — and then scraped once as Prometheus would.
 * Every metric the page documents must be there with exactly the labels it documents, the
 * counters the activity drove must have grown, and every metric and label the dashboard queries
 * must exist, so neither the page nor the dashboard can drift from the server.
 */
class MetricsCatalogTest {
  /**
   * Documented metrics a server without a follower of the WAL cannot have: they appear once the raw
   * backup (backup.url, an S3 bucket) reads the WAL from its own cursor.
   */
  private static final Set<String> ONLY_WITH_A_FOLLOWER =
      Set.of("corral_wal_consumer_missed_bytes_total", "corral_wal_consumer_gaps_total");
  /**
   * Documented metrics of the Kafka input, which this server (no broker) does not run: KafkaInputTest checks them
   * against a real broker.
   */
  static final Set<String> ONLY_WITH_THE_KAFKA_INPUT = Set.of("corral_kafka_consumer_lag_records",
      "corral_kafka_records_total", "corral_kafka_commits_total", "corral_kafka_commit_failures_total",
      "corral_kafka_partition_pauses_total", "corral_kafka_paused_partitions", "corral_kafka_connected");
  /** Waits on the server's own schedules (recording watermark, rule ticks): far beyond what a slow machine needs. */
  private static final int MAX_POLLS = 600;
  /** A quota lets a burst through when its bucket is full; the next request of the burst is refused. */
  private static final int MAX_NOISY_REQUESTS = 10;

  @TempDir
  static Path data;

  private static TestServer server;
  private static HttpServer webhook;
  private static String bearer;
  private static ScrapedMetrics scrape;
  /** Requests of 20 events of the service over its quota that were taken before one was refused. */
  private static int noisyAccepted;

  @BeforeAll
  static void runEachKindOfActivityAndScrape() throws Exception {
    webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    webhook.createContext("/hook", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    webhook.start();
    bearer = "Bearer " + ApiKeys.open(data, Clock.systemUTC())
        .create(new KeySpec("metrics", Scope.ADMIN, List.of(), null, null)).key();
    writeAlertAndRecordingRules();
    Path config = data.resolve("corral.yaml");
    Files.writeString(config, """
        ingest:
          service_quotas:
            - service: "noisy"
              events_per_second: 1
        """);
    server = TestServer.start(data, config, Map.of("auth.mode", "keys", "store.commit_interval", "100ms",
        "alerts.lag", "0s", "alerts.notify_retries", "0"));
    try (SseClient tail = SseClient.open(HttpClient.newHttpClient(), server.uri("/api/v1/tail?q=service:none"),
        "Authorization", bearer)) {
      assertThat(tail.response().statusCode()).isEqualTo(200);
      act();
      scrape = awaitScrape(metrics -> grew(metrics, "corral_tail_subscribers")
          && grew(metrics, "corral_alert_notifications_total", "channel", "ops", "outcome", "delivered")
          && grew(metrics, "corral_recording_evaluations_total", "rule", "corral_log_metrics_events", "outcome", "ok")
          && grew(metrics, "corral_query_duration_seconds_count", "kind", "recording")
          && grew(metrics, "corral_store_commit_duration_seconds_count")
          && grew(metrics, "corral_store_refresh_duration_seconds_count"));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (webhook != null) {
      webhook.stop(0);
    }
  }

  @Test
  void everyDocumentedMetricIsServedWithTheDocumentedTypeAndLabels() throws Exception {
    DocumentedMetrics documented = DocumentedMetrics.read();
    assertThat(documented.metrics()).hasSizeGreaterThan(60);
    for (DocumentedMetrics.Metric metric : documented.metrics()) {
      if (ONLY_WITH_A_FOLLOWER.contains(metric.name()) || ONLY_WITH_THE_KAFKA_INPUT.contains(metric.name())) {
        continue;
      }
      ScrapedMetrics.Family family = scrape.family(metric.name());
      assertThat(family.type()).as("type of %s", metric.name()).isEqualTo(metric.type());
      assertThat(family.labelNames()).as("labels of %s", metric.name()).isEqualTo(metric.labels());
    }
  }

  @Test
  void everyServedCorralMetricIsDocumented() throws Exception {
    Set<String> documented = new TreeSet<>();
    DocumentedMetrics.read().metrics().forEach(metric -> documented.add(metric.name()));
    Set<String> served = new TreeSet<>();
    for (ScrapedMetrics.Sample sample : scrape.samples()) {
      ScrapedMetrics.Family family = scrape.familyOfSample(sample.name());
      if (family.name().startsWith("corral_") && !family.name().startsWith("corral_log_")) {
        served.add(family.name());
      }
    }
    assertThat(documented).as("docs/metrics.md lists every corral_ metric served").containsAll(served);
  }

  @Test
  void theActivityShowsInTheCountersGaugesAndHistograms() {
    assertThat(scrape.value("corral_ingest_received_events_total", "input", "ndjson"))
        .isEqualTo(3 + 1 + 20 * (noisyAccepted + 1));
    assertThat(scrape.value("corral_ingest_events_total", "input", "ndjson")).as("two, the pipeline's one, the burst")
        .isEqualTo(3 + 20 * noisyAccepted);
    assertThat(scrape.value("corral_ingest_events_total", "input", "bulk")).isEqualTo(2);
    assertThat(scrape.value("corral_ingest_dead_letters_total", "input", "ndjson")).isEqualTo(1);
    assertThat(scrape.value("corral_ingest_refused_requests_total", "input", "ndjson", "reason", "rate_limited"))
        .isEqualTo(1);
    assertThat(scrape.value("corral_ingest_rejected_events_total", "input", "ndjson", "reason", "rate_limited"))
        .isEqualTo(20);
    assertThat(scrape.value("corral_ingest_received_events_total", "input", "ndjson")).as("received adds up")
        .isEqualTo(scrape.value("corral_ingest_events_total", "input", "ndjson")
            + scrape.value("corral_ingest_dead_letters_total", "input", "ndjson")
            + scrape.value("corral_ingest_rejected_events_total", "input", "ndjson"));
    assertThat(scrape.value("corral_rate_limited_requests_total", "kind", "service")).isEqualTo(1);
    assertThat(scrape.value("corral_pipeline_events_total", "pipeline", "tagging", "outcome", "kept")).isEqualTo(1);
    assertThat(scrape.value("corral_wal_appended_records_total")).isGreaterThanOrEqualTo(4);
    assertThat(scrape.value("corral_wal_consumer_lag_bytes", "consumer", "indexer")).isNotNegative();
    assertThat(scrape.value("corral_indexing_lag_seconds")).isNotNegative();
    assertThat(scrape.value("corral_store_partitions", "tier", "hot")).isGreaterThanOrEqualTo(1);
    assertThat(scrape.value("corral_store_partitions", "tier", "warm")).isZero();
    assertThat(scrape.value("corral_store_bytes", "tier", "hot")).isPositive();
    assertThat(scrape.value("corral_archive_partitions")).as("archive off").isZero();
    for (String kind : List.of("search", "trace", "fields", "recording", "alert")) {
      assertThat(scrape.value("corral_query_duration_seconds_count", "kind", kind)).as(kind).isPositive();
      assertThat(scrape.value("corral_query_duration_seconds_bucket", "kind", kind, "le", "+Inf"))
          .as("every %s query is in the +Inf bucket", kind)
          .isEqualTo(scrape.value("corral_query_duration_seconds_count", "kind", kind));
    }
    assertThat(scrape.value("corral_query_duration_seconds_count", "kind", "search", "lane", "normal"))
        .as("the search and the query").isEqualTo(2);
    assertThat(scrape.value("corral_query_refused_total", "reason", "too_costly")).isEqualTo(1);
    assertThat(scrape.value("corral_tail_subscribers")).isEqualTo(1);
    assertThat(scrape.value("corral_auth_refusals_total", "reason", "missing")).isEqualTo(1);
    assertThat(scrape.value("corral_alert_evaluations_total", "rule", "always_firing")).isPositive();
    assertThat(scrape.value("corral_alert_evaluation_duration_seconds_count", "kind", "threshold")).isPositive();
    assertThat(scrape.value("corral_alerts_notifications_total")).isPositive();
    assertThat(scrape.value("corral_alerts_instances", "state", "firing")).isEqualTo(1);
    assertThat(scrape.value("jvm_memory_used_bytes", "area", "heap")).isPositive();
    assertThat(scrape.value("process_cpu_seconds_total")).isPositive();
    assertThat(scrape.value("process_open_fds")).isPositive().isLessThanOrEqualTo(scrape.value("process_max_fds"));
    for (ScrapedMetrics.Sample sample : scrape.samples()) {
      assertThat(sample.value()).as("%s%s", sample.name(), sample.labels()).isNotNaN();
      if (sample.name().endsWith("_total") || sample.name().endsWith("_count")) {
        assertThat(sample.value()).as("%s%s", sample.name(), sample.labels()).isNotNegative();
      }
    }
  }

  @Test
  void everyMetricAndLabelTheGrafanaDashboardQueriesIsServed() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(Path.of("..", "docs", "grafana", "corral-dashboard.json").toFile());
    JsonNode input = dashboard.path("__inputs").get(0);
    assertThat(input.path("name").asText()).isEqualTo("DS_PROMETHEUS");
    assertThat(input.path("type").asText()).isEqualTo("datasource");
    assertThat(input.path("pluginId").asText()).isEqualTo("prometheus");
    List<String> expressions = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      if (panel.path("type").asText().equals("row")) {
        continue;
      }
      assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText())
          .isEqualTo("${DS_PROMETHEUS}");
      assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
      for (JsonNode target : panel.path("targets")) {
        assertThat(target.path("datasource").path("uid").asText()).isEqualTo("${DS_PROMETHEUS}");
        expressions.add(target.path("expr").asText());
      }
    }
    assertThat(expressions).hasSizeGreaterThan(15);
    for (String expr : expressions) {
      DashboardExpression.assertServed(expr, scrape);
    }
  }

  /** The rules, written before the server starts: one alert that always fires, one recording rule. */
  private static void writeAlertAndRecordingRules() throws Exception {
    Path alerts = Files.createDirectories(data.resolve("alerts"));
    Files.writeString(alerts.resolve("channels.yaml"), """
        channels:
          - name: ops
            type: webhook
            url: "http://127.0.0.1:%d/hook"
        """.formatted(webhook.getAddress().getPort()));
    Files.writeString(alerts.resolve("always_firing.yaml"), """
        name: always_firing
        query: "service:metrics | stats count() as events"
        every: 1s
        window: 1h
        condition: "events > 0"
        channels: [ops]
        """);
    Path recording = Files.createDirectories(alerts.resolve("recording"));
    Files.writeString(recording.resolve("corral_log_metrics_events.yaml"), """
        name: corral_log_metrics_events
        query: "service:metrics | stats count() as events"
        every: 1s
        window: 1h
        """);
  }

  private static void act() throws Exception {
    String past = Instant.now().minusSeconds(30).toString();
    assertThat(send("POST", "/api/v1/ingest", """
        {"service":"metrics","message":"one","trace_id":"abc","timestamp":"%s"}
        {"service":"metrics","message":"two","timestamp":"%s"}
        not json at all
        """.formatted(past, past)).status()).isEqualTo(200);
    assertThat(send("PUT", "/api/v1/pipelines/tagging", "id: tagging\nprocessors:\n  - set: {field: tagged, value: yes}\n",
        "Content-Type", "application/yaml").status()).isEqualTo(200);
    assertThat(send("POST", "/api/v1/ingest?pipeline=tagging", "{\"service\":\"metrics\",\"message\":\"three\"}\n")
        .status()).isEqualTo(200);
    String noisy = IntStream.range(0, 20).mapToObj(i -> "{\"service\":\"noisy\",\"message\":\"n" + i + "\"}\n")
        .reduce("", String::concat);
    int status = 200;
    while (status == 200 && noisyAccepted < MAX_NOISY_REQUESTS) {
      status = send("POST", "/api/v1/ingest", noisy).status();
      noisyAccepted += status == 200 ? 1 : 0;
    }
    assertThat(status).as("over the service's quota").isEqualTo(429);
    String bulk = "{\"index\":{\"_index\":\"app\"}}\n{\"service\":\"metrics\",\"message\":\"four\"}\n"
        + "{\"index\":{\"_index\":\"app\"}}\n{\"service\":\"metrics\",\"message\":\"five\"}\n";
    assertThat(send("POST", "/_bulk", bulk, "Content-Type", "application/x-ndjson").status()).isEqualTo(200);

    assertThat(send("GET", "/api/v1/search?q=" + URLEncoder.encode("service:metrics", StandardCharsets.UTF_8), null)
        .status()).isEqualTo(200);
    assertThat(send("POST", "/api/v1/query", "{\"q\":\"service:metrics | stats count()\"}",
        "Content-Type", "application/json").status()).isEqualTo(200);
    assertThat(send("GET", "/api/v1/trace/abc", null).status()).isEqualTo(200);
    assertThat(send("GET", "/api/v1/fields?q=service:metrics", null).status()).isEqualTo(200);
    String absurd = String.join(" OR ", IntStream.range(0, 1000)
        .mapToObj(i -> "trace_id:*" + String.format("%03x", i) + "*").toList());
    assertThat(send("POST", "/api/v1/query", "{\"q\":\"" + absurd + "\"}", "Content-Type", "application/json")
        .status()).isEqualTo(400);
    assertThat(server.get("/api/v1/stats").status()).as("no key").isEqualTo(401);
  }

  /** A request with the admin key; {@code body} null for none, sent as NDJSON unless a content type is given. */
  private static TestServer.Reply send(String method, String path, String body, String... headers) {
    List<String> all = new ArrayList<>(List.of("Authorization", bearer));
    if (body != null && headers.length == 0) {
      all.addAll(List.of("Content-Type", "application/x-ndjson"));
    }
    all.addAll(List.of(headers));
    return server.send(method, path, body, all.toArray(String[]::new));
  }

  /** Scrapes until {@code ready} holds: the rules and the commit rounds run on their own schedules. */
  private static ScrapedMetrics awaitScrape(Predicate<ScrapedMetrics> ready) throws InterruptedException {
    ScrapedMetrics metrics = null;
    for (int poll = 0; poll < MAX_POLLS; poll++) {
      TestServer.Reply reply = send("GET", "/metrics", null);
      assertThat(reply.status()).isEqualTo(200);
      metrics = ScrapedMetrics.parse(reply.body());
      if (ready.test(metrics)) {
        return metrics;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the activity never all showed on /metrics");
  }

  /** Whether a sample named {@code name} with these labels has grown above zero. */
  private static boolean grew(ScrapedMetrics metrics, String name, String... labels) {
    return metrics.sum(name, labels).orElse(0) > 0;
  }
}
