package dev.corral.dist.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebElement;

/**
 * The dashboard's health matrix judges services by their error rate and their own previous hour,
 * not by counts: a busy service with many errors but a low rate stays ok, a service whose rate
 * doubled turns critical, a service that always fails this much is a warning, a handful of events
 * is not judged. The rules run in the browser (lib/health.js), then on a real dashboard.
 */
@ExtendWith(CorralUiExtension.class)
class HealthMatrixTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HEALTH = "/ui/lib/health.js";
  private static final Map<String, Integer> THRESHOLDS = Map.of("warning", 5, "critical", 20);
  /** Inside a 15-minute panel range, and inside the hour before it. */
  private static final Instant NOW = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
  private static final Instant BEFORE = Instant.now().minus(45, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);

  @BeforeAll
  static void ingestServices(DemoDataServer server) throws Exception {
    List<String> lines = new ArrayList<>();
    events(lines, "busy-svc", NOW, 2000, 30);       // 1.5 %: 30 errors, the old count rule's critical
    events(lines, "busy-svc", BEFORE, 1000, 10);
    events(lines, "spiking-svc", NOW, 90, 10);      // 10 %, up from 1 %
    events(lines, "spiking-svc", BEFORE, 99, 1);
    events(lines, "chronic-svc", NOW, 70, 30);      // 30 %, as the hour before
    events(lines, "chronic-svc", BEFORE, 70, 30);
    events(lines, "new-svc", NOW, 92, 8);           // 8 %, no history
    events(lines, "quiet-svc", NOW, 0, 3);          // 3 events: too few to judge
    server.ingest(String.join("\n", lines).concat("\n").getBytes(StandardCharsets.UTF_8), lines.size());
    Api.awaitTotal(server, "logtype:health-test", lines.size());
  }

  private static void events(List<String> lines, String service, Instant at, int infos, int errors) {
    for (int i = 0; i < infos + errors; i++) {
      lines.add("""
          {"timestamp":"%s","level":"%s","service":"%s","logtype":"health-test","message":"m%d"}"""
          .formatted(at.plusMillis(i), i < infos ? "INFO" : "ERROR", service, i));
    }
  }

  @Test
  void theRulesJudgeRateAndHistoryNotCounts(Browser browser) throws Exception {
    browser.open("#/status");
    assertThat(tone(browser, counts(30, 2030), counts(10, 1010))).as("busy, 1.5 %").isEqualTo("ok");
    assertThat(tone(browser, counts(10, 100), counts(1, 100))).as("10 %, up from 1 %").isEqualTo("critical");
    assertThat(tone(browser, counts(10, 100), counts(6, 100))).as("10 %, up from 6 %, under 2x").isEqualTo("warning");
    assertThat(tone(browser, counts(30, 100), counts(30, 100))).as("30 %, as usual").isEqualTo("warning");
    assertThat(tone(browser, counts(30, 100), counts(0, 0))).as("30 %, no history").isEqualTo("critical");
    assertThat(tone(browser, counts(8, 100), counts(0, 0))).as("8 %, no history").isEqualTo("warning");
    assertThat(tone(browser, counts(8, 100), counts(0, 5))).as("8 %, too little history").isEqualTo("warning");
    assertThat(tone(browser, counts(3, 3), counts(0, 0))).as("3 events").isEqualTo("ok");
    assertThat(tone(browser, counts(0, 5000), counts(0, 5000))).isEqualTo("ok");
    JsonNode health = JSON.readTree(browser.call(HEALTH, "serviceHealth", counts(10, 100), counts(1, 100), THRESHOLDS));
    assertThat(health.path("rate").asDouble()).isEqualTo(10.0);
    assertThat(health.path("baseRate").asDouble()).isEqualTo(1.0);
    assertThat(health.path("reason").asText()).contains("10 % errors (10 of 100)", "1.0 % the hour before");
  }

  @Test
  void aDashboardMatrixColoursServicesByRateAndHistory(Browser browser, DemoDataServer server) throws Exception {
    String definition = """
        {"title": "Health test", "panels": [
          {"id": "health", "title": "Service health", "query": "logtype:health-test | stats count() by service, level",
           "visualization": "matrix", "range": "15m", "thresholds": {"warning": 5, "critical": 20}, "width": 12}]}""";
    HttpResponse<String> saved = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(server.url() + "/api/v1/dashboards/health-test")).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(definition)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);

    browser.open("#/dashboard/health-test");
    browser.visible(".dash-panel[data-panel-id='health'][data-state='ok'] .matrix");
    List<WebElement> rows = browser.all(".matrix tbody tr");
    assertThat(rows).extracting(row -> row.getAttribute("data-row"))
        .as("the worst first").containsExactly("spiking-svc", "chronic-svc", "new-svc", "busy-svc", "quiet-svc");
    assertThat(rows).extracting(row -> row.getAttribute("data-tone"))
        .containsExactly("critical", "warning", "warning", "ok", "ok");
    WebElement spiking = browser.visible(".matrix tr[data-row='spiking-svc'] .matrix-rate");
    assertThat(spiking.getAttribute("data-rate")).isEqualTo("10.00");
    assertThat(spiking.getAttribute("data-base-rate")).isEqualTo("1.00");
    assertThat(browser.visible(".matrix tr[data-row='busy-svc'] .matrix-cell[data-column='ERROR']").getAttribute("data-value"))
        .as("many errors, still ok").isEqualTo("30");
    assertThat(browser.visible(".matrix tr[data-row='new-svc'] .matrix-rate").getAttribute("data-base-rate")).isEmpty();
    assertThat(browser.visible(".matrix tr[data-row='chronic-svc'] th").getAttribute("title")).contains("as usual");
    browser.screenshot("health-matrix");
  }

  private static Map<String, Integer> counts(int errors, int total) {
    return Map.of("errors", errors, "total", total);
  }

  private static String tone(Browser browser, Map<String, Integer> now, Map<String, Integer> before) throws Exception {
    return JSON.readTree(browser.call(HEALTH, "serviceHealth", now, before, THRESHOLDS)).path("tone").asText();
  }
}
