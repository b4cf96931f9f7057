package dev.corral.dist.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * The Alerts page and the incident dashboard's Firing alerts panel in a real browser, against a
 * server evaluating real rules on real events: the walk from a firing cross-service trace
 * alert to its root-cause log line, from the Alerts page and from the dashboard (clicks counted,
 * seconds printed, never asserted), pending alerts drawn apart from firing ones, the silence form,
 * the channel test button, and hostile event content (a group value and a description holding
 * {@code <script>}) shown as text, on the Alerts page and in the root cause's surrounding events.
 *
 * <p>The server holds no demo history: the trace rule's query is every error, so it must see only the
 * events this test wrote — one trace failing across three services, plus noise that must not fire.
 */
class AlertsPageTest {
  private static final String TRACE_RULE = "failing_trace";
  private static final String HOSTILE_RULE = "hostile_groups";
  /** Pending for as long as the test runs: its condition holds, but not yet for its {@code for:}. */
  private static final String PENDING_RULE = "walk_errors_pending";
  private static final String FAILING_TRACE = "7e1d0c3e9b2d4c6e8f0a1b2c3d4e5f01";
  /** The first error of the failing trace, in the service furthest downstream: what the responder must find. */
  private static final String ROOT_CAUSE = "connection pool exhausted: 50 of 50 connections in use";
  private static final String HOSTILE_SERVICE = "<script>window.corralPwned = 1</script>";
  private static final String HOSTILE_DESCRIPTION = "<img src=x onerror=\"window.corralPwned = 2\">";
  /** Most clicks the issue allows from the firing alert to the root-cause line. */
  private static final int MAX_CLICKS = 3;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static DemoDataServer server;
  private static Browser browser;
  private static HttpServer receiver;
  private static final AtomicInteger RECEIVED = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      exchange.getRequestBody().readAllBytes();
      RECEIVED.incrementAndGet();
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    receiver.start();
    Path alerts = Files.createTempDirectory("corral-ui-alerts-");
    Files.writeString(alerts.resolve("channels.yaml"), """
        channels:
          - name: oncall
            type: webhook
            url: "http://127.0.0.1:%d/hook"
        """.formatted(receiver.getAddress().getPort()));
    Files.writeString(alerts.resolve(TRACE_RULE + ".yaml"), """
        name: failing_trace
        kind: trace
        query: "level:ERROR"
        every: 1s
        window: 5m
        settings: {min_services: 2}
        labels: {severity: critical}
        description: "a trace has errors in more than two services"
        """);
    Files.writeString(alerts.resolve(HOSTILE_RULE + ".yaml"), """
        name: hostile_groups
        query: "logtype:hostile | stats count() as events by service"
        every: 1s
        window: 5m
        condition: "events > 0"
        description: '%s'
        """.formatted(HOSTILE_DESCRIPTION));
    Files.writeString(alerts.resolve(PENDING_RULE + ".yaml"), """
        name: walk_errors_pending
        query: "logtype:alerts-walk level:ERROR | stats count() as errors by service"
        every: 1s
        window: 5m
        condition: "errors > 0"
        for: 1h
        """);
    Files.writeString(alerts.resolve("broken_rule.yaml"), """
        name: broken_rule
        query: "level:ERROR | stats cnt() as errors"
        every: 1s
        window: 5m
        condition: "errors > 0"
        """);
    server = DemoDataServer.startEmptyWith(Map.of("alerts.dir", alerts.toString(), "alerts.lag", "1s"));
    browser = Browser.start(server.url());
    List<String> lines = events(Instant.now().minus(90, ChronoUnit.SECONDS).truncatedTo(ChronoUnit.MILLIS));
    server.ingest(String.join("\n", lines).concat("\n").getBytes(StandardCharsets.UTF_8), lines.size());
    Api.awaitTotal(server, "*", lines.size());
  }

  /**
   * The failing trace (gateway → payment → inventory-db: the database fails first, then each caller),
   * and noise: a trace across the same three services without an error, errors of one service, a trace
   * with errors in only two services (not more than two: the rule must not name it), and one event
   * whose service is markup.
   */
  private static List<String> events(Instant start) {
    List<String> lines = new ArrayList<>();
    lines.add(line(start, 0, "INFO", "gateway", FAILING_TRACE, "POST /checkout"));
    lines.add(line(start, 5, "INFO", "payment", FAILING_TRACE, "charging order 1042"));
    lines.add(line(start, 9, "INFO", "inventory-db", FAILING_TRACE, "reserving 3 items"));
    lines.add(line(start, 40, "ERROR", "inventory-db", FAILING_TRACE, ROOT_CAUSE));
    lines.add(line(start, 42, "ERROR", "payment", FAILING_TRACE, "payment failed: inventory reservation timed out"));
    lines.add(line(start, 45, "ERROR", "gateway", FAILING_TRACE, "checkout failed: 502 from payment"));
    String calm = "00000000000000000000000000000a11";
    lines.add(line(start, 100, "INFO", "gateway", calm, "GET /products"));
    lines.add(line(start, 104, "INFO", "payment", calm, "price lookup"));
    lines.add(line(start, 107, "INFO", "inventory-db", calm, "select 12 rows"));
    lines.add(line(start, 200, "ERROR", "search", "00000000000000000000000000000b22", "index shard unavailable"));
    lines.add(line(start, 210, "ERROR", "search", "00000000000000000000000000000b22", "index shard unavailable"));
    String twoServices = "00000000000000000000000000000c33";
    lines.add(line(start, 300, "ERROR", "gateway", twoServices, "upstream reset"));
    lines.add(line(start, 305, "ERROR", "payment", twoServices, "client went away"));
    for (int i = 0; i < 20; i++) {
      lines.add(line(start, 400 + i * 50, "INFO", "gateway", "", "GET /health " + i));
    }
    lines.add("""
        {"timestamp":"%s","level":"INFO","service":%s,"logtype":"hostile","message":"markup as a service"}"""
        .formatted(start.plusMillis(500), quoted(HOSTILE_SERVICE)));
    return lines;
  }

  private static String line(Instant start, long offsetMillis, String level, String service, String traceId, String message) {
    String trace = traceId.isEmpty() ? "" : ",\"trace_id\":\"" + traceId + "\"";
    return """
        {"timestamp":"%s","level":"%s","service":"%s","logtype":"alerts-walk","message":%s%s}"""
        .formatted(start.plusMillis(offsetMillis), level, service, quoted(message), trace);
  }

  private static String quoted(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("BUG: a string always serializes", e);
    }
  }

  @AfterEach
  void screenshotAndCleanConsole(org.junit.jupiter.api.TestInfo test) {
    browser.screenshot(AlertsPageTest.class.getSimpleName() + "-" + test.getTestMethod().orElseThrow().getName());
    browser.assertCleanConsoleAndLocalRequests();
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (browser != null) {
        browser.close();
      }
      if (server != null) {
        server.close();
      }
    } finally {
      receiver.stop(0);
    }
  }

  /** Waits (polling the page, which refreshes itself) until the rule's instance is firing, and answers its row. */
  private static WebElement firingInstance(String rule) {
    return browser.waitUntil(rule + " firing on the page", d -> browser.all(
        ".alert-instance[data-rule='" + rule + "'][data-state='firing']").stream().findFirst().orElse(null));
  }

  @Test
  void fromTheFiringTraceAlertToItsRootCauseLineInAtMostThreeClicks() {
    long opened = System.nanoTime();
    browser.open("#/alerts?rule=" + TRACE_RULE); // the rule link every notification carries
    assertThat(browser.visible(".rule-row.highlighted").getAttribute("data-rule")).isEqualTo(TRACE_RULE);
    WebElement instance = firingInstance(TRACE_RULE);
    browser.screenshot("alerts"); // docs/ui/alerts.png
    long firing = System.nanoTime();
    assertThat(instance.getText()).containsIgnoringCase("critical").contains("(all)");
    int clicks = 0;

    instance.findElement(org.openqa.selenium.By.cssSelector(".alert-trace-link")).click();
    clicks++;
    browser.waitUntil("the trace view", d -> Api.route(browser).startsWith("/trace/" + FAILING_TRACE));
    List<WebElement> errors = browser.waitUntil("the trace's errors", d -> {
      List<WebElement> rows = browser.all(".trace-view .trace-event.row-error");
      return rows.size() == 3 ? rows : null;
    });
    WebElement rootCause = errors.get(0);
    assertThat(rootCause.getAttribute("data-service")).as("the first error is the furthest downstream").isEqualTo("inventory-db");

    rootCause.click();
    clicks++;
    WebElement detail = browser.visible(".trace-event-wrapper .event-detail");
    assertThat(detail.getText()).contains(ROOT_CAUSE);
    long done = System.nanoTime();

    assertThat(clicks).isLessThanOrEqualTo(MAX_CLICKS);
    System.out.printf("alert walk: %d clicks from the firing alert to the root-cause line; %.2f s from the alert shown to"
            + " the root cause (%.2f s from opening the page, the rule's evaluation included)%n",
        clicks, (done - firing) / 1e9, (done - opened) / 1e9);
  }

  @Test
  void fromTheDashboardsFiringAlertsPanelToTheRootCauseLineInAtMostThreeClicks() throws Exception {
    awaitInstance(TRACE_RULE, "firing");
    awaitInstance(PENDING_RULE, "pending");
    long opened = System.nanoTime();
    browser.open("#/dashboard/incident"); // where an on-call responder keeps an eye on things
    String panel = ".dash-panel[data-panel-id='firing-alerts'][data-state='ok'] ";
    WebElement instance = browser.visible(panel + ".alert-instance[data-rule='" + TRACE_RULE + "'][data-state='firing']");
    long shown = System.nanoTime();
    assertThat(instance.getText()).containsIgnoringCase("critical").contains("(all)");
    List<String> states = browser.all(panel + ".alert-instance").stream().map(row -> row.getAttribute("data-state")).toList();
    assertThat(states).as("firing first, then pending").startsWith("firing").contains("pending")
        .isSortedAccordingTo(java.util.Comparator.comparing(state -> state.equals("firing") ? 0 : 1));
    WebElement pending = browser.visible(panel + ".alert-instance[data-rule='" + PENDING_RULE + "'][data-state='pending']");
    assertThat(pending.getCssValue("font-style")).as("pending drawn apart from firing").isEqualTo("italic");
    assertThat(instance.getCssValue("font-style")).isEqualTo("normal");
    long firing = states.stream().filter("firing"::equals).count();
    assertThat(browser.visible(panel + ".alerts-panel-summary").getText())
        .isEqualToIgnoringCase(firing + " firing · " + (states.size() - firing) + " pending");
    browser.screenshot("dashboard-alerts"); // docs/ui/dashboard-alerts.png
    int clicks = 0;

    instance.findElement(org.openqa.selenium.By.cssSelector(".alert-root-cause-link")).click();
    clicks++;
    WebElement rootCause = browser.visible(".surrounding-page .surrounding-anchor");
    assertThat(rootCause.getText()).as("the first error of the worst trace, furthest downstream").contains(ROOT_CAUSE);
    assertThat(Api.routeParam(browser, "service")).isEqualTo("inventory-db");
    assertThat(browser.visible(".surrounding-toolbar").getText()).contains("inventory-db");
    long done = System.nanoTime();

    assertThat(clicks).isLessThanOrEqualTo(MAX_CLICKS);
    System.out.printf("dashboard alert walk: %d click from the Firing alerts panel to the root-cause line; %.2f s from the"
        + " alert shown to the root cause (%.2f s from opening the dashboard)%n", clicks, (done - shown) / 1e9, (done - opened) / 1e9);
    browser.driver().navigate().back(); // the root cause replaced its finding link: Back is the dashboard
    browser.waitUntil("back on the dashboard", d -> Api.route(browser).equals("/dashboard/incident"));
  }

  /** Waits until the instances API lists the rule in the state: the walk starts from an alert that is there. */
  private static void awaitInstance(String rule, String state) throws Exception {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode instance : get("/api/v1/alerts/instances?rule=" + rule).path("instances")) {
        if (instance.path("state").asText().equals(state)) {
          return;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError(rule + " is not " + state + " after 60 s: " + get("/api/v1/alerts/instances"));
  }

  @Test
  void aSilenceIsCreatedFromAnAlertListedAndDeleted() throws Exception {
    browser.open("#/alerts");
    firingInstance(TRACE_RULE).findElement(org.openqa.selenium.By.cssSelector(".alert-silence-button")).click();
    WebElement form = browser.visible(".silence-form");
    assertThat(form.findElement(org.openqa.selenium.By.cssSelector(".silence-form-matchers")).getText())
        .isEqualTo("alertname = \"" + TRACE_RULE + "\"");
    form.findElement(org.openqa.selenium.By.cssSelector(".silence-comment-input")).sendKeys("database failover drill");
    form.findElement(org.openqa.selenium.By.cssSelector(".silence-create")).click();

    WebElement row = browser.visibleWithText(".silence-row", "database failover drill");
    assertThat(row.getText()).contains("alertname=\"" + TRACE_RULE + "\"", "active");
    assertThat(browser.all(".silence-form")).as("the form closes once created").isEmpty();
    browser.visibleWithText(".alert-instance[data-rule='" + TRACE_RULE + "']", "silenced");
    assertThat(get("/api/v1/alerts/silences").path("silences")).hasSize(1);

    row.findElement(org.openqa.selenium.By.cssSelector(".silence-delete")).click();
    browser.waitUntil("the silence gone", d -> browser.all(".silence-row").isEmpty());
    assertThat(get("/api/v1/alerts/silences").path("silences")).isEmpty();
  }

  @Test
  void sendTestReachesTheChannelAndShowsInItsDeliveryLog() {
    browser.open("#/alerts");
    int before = RECEIVED.get();
    browser.visible(".alert-channel[data-channel='oncall'] .channel-test").click();
    assertThat(browser.visibleWithText(".alert-channel[data-channel='oncall'] .channel-test-result", "delivered").getText())
        .isEqualTo("delivered (200)");
    assertThat(RECEIVED.get()).isEqualTo(before + 1);
    browser.visibleWithText(".alert-channel[data-channel='oncall'] .channel-deliveries", "corral_test_notification (test)");
  }

  @Test
  void markupInAGroupValueAndADescriptionShowsAsText() {
    browser.open("#/alerts?rule=" + HOSTILE_RULE);
    WebElement instance = firingInstance(HOSTILE_RULE);
    assertThat(instance.getText()).contains("service=" + HOSTILE_SERVICE);
    assertThat(browser.visible(".rule-row.highlighted .rule-description").getText()).isEqualTo(HOSTILE_DESCRIPTION);
    assertThat(browser.all("#page script, #page img")).isEmpty();
    assertThat(browser.script("return window.corralPwned === undefined")).isEqualTo(true);

    WebElement rootCauseLink = firingInstance(HOSTILE_RULE).findElement(org.openqa.selenium.By.cssSelector(".alert-root-cause-link"));
    browser.script("arguments[0].scrollIntoView({block: 'center'})", rootCauseLink); // ?rule= scrolled the rules into view
    rootCauseLink.click();
    WebElement rootCause = browser.visible(".surrounding-page .surrounding-anchor");
    assertThat(rootCause.getText()).as("no error in the group: its first event").contains("markup as a service");
    assertThat(Api.routeParam(browser, "service")).isEqualTo(HOSTILE_SERVICE);
    assertThat(browser.all("#page script, #page img")).isEmpty();
    assertThat(browser.script("return window.corralPwned === undefined")).isEqualTo(true);
  }

  @Test
  void linksStayInTheUiAndTheSparklineLeavesGapsForMissingValues() throws Exception {
    browser.open("#/alerts");
    String page = "/ui/pages/alerts.js";
    assertThat(browser.call(page, "inAppHref", "http://localhost:8080/#/trace/abc?from=2026-12-05T10:00:00Z"))
        .isEqualTo("\"#/trace/abc?from=2026-12-05T10:00:00Z\"");
    assertThat(browser.call(page, "inAppHref", "javascript:alert(1)")).isEqualTo("null");
    String links = "/ui/lib/alert-links.js";
    String search = "http://localhost:8080/#/search?q=" + java.net.URLEncoder.encode("* | stats count() by service", StandardCharsets.UTF_8)
        + "&from=2026-12-05T09%3A58%3A00Z&to=2026-12-05T10%3A05%3A00Z";
    JsonNode byService = JSON.readTree(browser.call(links, "rootCauseSearch",
        Map.of("group", Map.of("service", "payment gateway"), "details", Map.of(), "links", Map.of("search", search))));
    assertThat(byService.path("find").asText()).as("the group's events").isEqualTo("service:\"payment gateway\"");
    assertThat(byService.path("pick").asText()).as("their first error").isEqualTo("first-error");
    assertThat(byService.path("from").asText() + " " + byService.path("to").asText()).as("the alert's range")
        .isEqualTo("2026-12-05T09:58:00Z 2026-12-05T10:05:00Z");
    JsonNode trace = JSON.readTree(browser.call(links, "rootCauseSearch", Map.of("group", Map.of(),
        "details", Map.of("worst_trace", "r-42", "trace_field", "request_id"), "links", Map.of("search", search))));
    assertThat(trace.path("find").asText()).as("the worst trace's first error").isEqualTo("request_id:r-42");
    JsonNode absence = JSON.readTree(browser.call(links, "rootCauseSearch", Map.of("group", Map.of("service", "billing"),
        "details", Map.of("seen_events", 120), "links", Map.of("search", search))));
    assertThat(absence.path("pick").asText()).as("a silent service's last words").isEqualTo("last");
    assertThat(absence.path("from").asText()).isEqualTo("2026-12-04T10:05:00.000Z");
    assertThat(browser.call(links, "rootCauseSearch", Map.of("group", Map.of(), "details", Map.of(), "links", Map.of())))
        .as("neither a query nor a trace").isEqualTo("null");
    JsonNode queries = JSON.readTree(browser.call(links, "rootCauseQueries", "service:checkout", "first-error"));
    assertThat(queries.get(0).path("q").asText()).isEqualTo("(service:checkout) AND level:(ERROR OR FATAL) | sort timestamp");
    assertThat(queries.get(1).path("q").asText()).isEqualTo("service:checkout | sort timestamp");
    assertThat(JSON.readTree(browser.call(links, "rootCauseQueries", "service:billing", "last")).get(0).path("q").asText())
        .isEqualTo("service:billing");
    assertThat(browser.call("/ui/pages/alerts/group-text.js", "groupText", Map.of())).isEqualTo("\"(all)\"");
    String editor = "/ui/pages/alerts/rule-editor.js";
    assertThat(browser.call(editor, "ruleNameOf", "kind: trace\nname: \"walk_errors\" # the name\nquery: x")).isEqualTo("\"walk_errors\"");
    assertThat(browser.call(editor, "ruleNameOf", "settings:\n  name: nested")).as("only a top-level name").isEqualTo("null");
    JsonNode runs = JSON.readTree(browser.call("/ui/pages/alerts/sparkline.js", "sparkRuns",
        List.of(Map.of("value", 1), Map.of("value", 3), Map.of("value", "Infinity"), Map.of("value", 2)), 30, 20));
    assertThat(runs).as("two runs: the infinite value is a gap").hasSize(2);
    assertThat(runs.get(0)).hasSize(2);
    assertThat(runs.get(0).get(1).path("y").asDouble()).as("the largest value at the top").isEqualTo(2.0);
    assertThat(runs.get(1).get(0).path("x").asDouble()).isEqualTo(30.0);
  }

  @Test
  void aRefusedRuleFileIsListedWithItsErrorBesideTheRulesThatLoaded() {
    browser.open("#/alerts");
    WebElement refused = browser.visible(".rule-row.rule-refused");
    assertThat(refused.getAttribute("data-state")).isEqualTo("refused");
    assertThat(refused.findElement(org.openqa.selenium.By.cssSelector(".rule-error")).getText())
        .contains("broken_rule.yaml line 2: query does not parse", "cnt");
    assertThat(browser.all(".rule-row:not(.rule-refused)")).hasSize(3);
  }

  @Test
  void aNewRuleIsPreviewedOverTheLastDaySavedEditedAndDeleted() throws Exception {
    browser.open("#/alerts");
    browser.visible(".rule-new").click();
    WebElement text = browser.visible(".rule-editor-text");
    text.clear();
    text.sendKeys("""
        name: walk_errors
        query: "logtype:alerts-walk level:ERROR | stats count() as errors by service"
        every: 1m
        window: 5m
        condition: "errors > 1"
        """);
    WebElement step = browser.visibleWithText(".rule-preview[data-state='ok'] .rule-preview-step", "service=search");
    assertThat(step.getText()).as("two errors or more: gateway, payment and search, not inventory-db")
        .contains("service=gateway", "service=payment").doesNotContain("inventory-db");
    assertThat(browser.visible(".rule-preview-summary").getText()).contains("would have had instances");

    browser.visible(".rule-editor .rule-save").click();
    browser.waitUntil("the editor closed", d -> browser.all(".rule-editor").isEmpty());
    browser.visible(".rule-row[data-rule='walk_errors']");
    assertThat(get("/api/v1/alerts/rules/walk_errors").path("definition").asText()).contains("errors > 1");

    browser.visible(".rule-row[data-rule='walk_errors'] .rule-edit").click();
    browser.waitUntil("the definition loaded", d -> browser.visible(".rule-editor-text").getAttribute("value").contains("walk_errors"));
    browser.visible(".rule-editor .rule-delete").click();
    browser.visibleWithText(".rule-editor .rule-delete", "for good").click();
    browser.waitUntil("the rule gone", d -> browser.all(".rule-row[data-rule='walk_errors']").isEmpty());
  }

  private static JsonNode get(String path) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
