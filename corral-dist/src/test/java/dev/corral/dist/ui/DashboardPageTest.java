package dev.corral.dist.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The incident dashboard in a real browser, on the demo fleet's logs: every built-in panel draws
 * its data, a matrix cell opens Search with that service and level, and a panel added from a
 * pipe query is saved by the server (still there after a reload) until it is removed.
 */
@ExtendWith(CorralUiExtension.class)
class DashboardPageTest {
  /** The built-in incident dashboard's panels (corral-server's dashboards/incident.json). */
  private static final List<String> INCIDENT_PANELS = List.of("service-health", "error-rate", "latency-p95", "failing-traces");

  @Test
  void rendersEveryIncidentPanelWithData(Browser browser) {
    browser.open("#/dashboard");
    browser.waitUntil("every panel to be drawn", d -> browser.all(".dash-panel[data-state='ok']").size() == INCIDENT_PANELS.size());
    assertThat(browser.all(".dash-panel")).extracting(e -> e.getAttribute("data-panel-id")).containsExactlyElementsOf(INCIDENT_PANELS);

    List<WebElement> services = browser.all(".dash-panel[data-panel-id='service-health'] .matrix tbody tr");
    assertThat(services).hasSizeGreaterThan(5);
    assertThat(browser.all(".matrix thead th")).extracting(WebElement::getText).contains("INFO", "WARN", "ERROR");
    assertThat(browser.all(".matrix tbody tr[data-tone='critical']")).as("the demo has an incident").isNotEmpty();
    for (String chart : List.of("error-rate", "latency-p95")) {
      WebElement drawn = browser.visible(".dash-panel[data-panel-id='" + chart + "'] .chart");
      assertThat(Integer.parseInt(drawn.getAttribute("data-series"))).as(chart).isPositive();
      assertThat(Integer.parseInt(drawn.getAttribute("data-points"))).as(chart).isGreaterThan(10);
    }
    assertThat(browser.all(".dash-panel[data-panel-id='failing-traces'] .panel-table tbody tr")).isNotEmpty();
    Dimension window = browser.driver().manage().window().getSize();
    browser.driver().manage().window().setSize(new Dimension(window.getWidth(), 1240)); // every panel in the picture
    try {
      browser.screenshot("dashboard");
    } finally {
      browser.driver().manage().window().setSize(window);
    }
  }

  @Test
  void aTraceInTheFailingTracesPanelOpensTheTraceView(Browser browser) {
    browser.open("#/dashboard/incident");
    WebElement link = browser.visible(".dash-panel[data-panel-id='failing-traces'] .panel-trace-link");
    String traceId = link.getText();
    link.click();
    browser.waitUntil("the trace view", d -> Api.route(browser).equals("/trace/" + traceId));
    browser.visible(".trace-lane.lane-has-errors");
  }

  @Test
  void aMatrixCellOpensSearchWithItsServiceAndLevel(Browser browser, DemoDataServer server) throws Exception {
    browser.open("#/dashboard/incident");
    WebElement cell = browser.waitUntil("an ERROR cell with events", d -> browser.all(".matrix-cell[data-column='ERROR']").stream()
        .filter(c -> !"0".equals(c.getAttribute("data-value"))).findFirst().orElse(null));
    String service = cell.getAttribute("data-row");
    cell.click();
    String expected = "service:" + service + " level:ERROR";
    browser.waitUntil("search", d -> Api.route(browser).startsWith("/search?"));
    assertThat(Api.routeParam(browser, "q")).isEqualTo(expected);
    assertThat(Api.routeParam(browser, "from")).isEqualTo("now-15m");
    assertThat(browser.visible("#page [data-focus-key='/']").getAttribute("value")).isEqualTo(expected);
    assertThat(server.search(expected, 0).path("total").asLong()).isPositive();
  }

  @Test
  void aPanelAddedFromAPipeQueryIsSavedUntilRemoved(Browser browser) {
    String id = "ui-test-" + UUID.randomUUID().toString().substring(0, 8);
    browser.open("#/dashboard");
    browser.visible(".dashboard-new").click();
    browser.visible(".new-dashboard-form input[name='id']").sendKeys(id);
    browser.visible(".new-dashboard-form input[name='title']").sendKeys("Checkout on call");
    browser.visible(".new-dashboard-form button[type='submit']").click();
    browser.waitUntil("the new dashboard", d -> Api.route(browser).equals("/dashboard/" + id));
    assertThat(browser.visible(".dashboard-title").getText()).isEqualTo("Checkout on call");

    browser.visible(".dashboard-add").click();
    browser.visible(".panel-form input[name='title']").sendKeys("Errors by host");
    browser.visible(".panel-form textarea[name='query']").sendKeys("level:ERROR | stats count() by host | sort -count()");
    new Select(browser.visible(".panel-form select[name='visualization']")).selectByValue("bar");
    browser.visible(".panel-form button[type='submit']").click();
    browser.visible(".dash-panel[data-panel-id='errors-by-host'][data-state='ok'] .chart");

    browser.reload();
    WebElement panel = browser.visible(".dash-panel[data-panel-id='errors-by-host'][data-state='ok']");
    assertThat(panel.findElement(By.className("dash-panel-title")).getText()).isEqualTo("Errors by host");
    assertThat(browser.visible(".dashboard-picker").getText()).contains(id);

    panel.findElement(By.className("dash-panel-remove")).click();
    browser.waitUntil("the panel to go", d -> browser.all(".dash-panel").isEmpty());
    browser.reload();
    browser.visibleWithText(".dashboard-grid .placeholder", "No panels yet");
  }

  @Test
  void aPanelWhoseQueryFailsShowsTheErrorInsideItAndTheOthersStillDraw(Browser browser, DemoDataServer server) throws Exception {
    String id = "ui-test-" + UUID.randomUUID().toString().substring(0, 8);
    String definition = """
        {"title": "One good, one bad", "panels": [
          {"id": "good", "title": "Events by level", "query": "* | stats count() by level", "visualization": "table", "width": 6},
          {"id": "bad", "title": "Average message", "query": "* | stats avg(message) by service", "visualization": "bar", "width": 6},
          {"id": "errors", "title": "Errors", "query": "level:ERROR", "visualization": "number",
           "thresholds": {"warning": 1, "critical": 1000000000}, "width": 3}]}""";
    HttpResponse<String> saved = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/dashboards/" + id))
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(definition)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    browser.expectConsoleError("400");
    browser.open("#/dashboard/" + id);
    WebElement bad = browser.visible(".dash-panel[data-panel-id='bad'][data-state='error']");
    assertThat(bad.findElement(By.className("error-box")).getText()).contains("cannot aggregate or group by message");
    browser.visible(".dash-panel[data-panel-id='good'][data-state='ok'] .panel-table");
    WebElement errors = browser.visible(".dash-panel[data-panel-id='errors'][data-state='ok'] .panel-number");
    assertThat(errors.getAttribute("class")).contains("tone-warning");
    long count = Long.parseLong(errors.getAttribute("data-value"));
    assertThat(count).as("ERROR events in the last 15 minutes of demo data").isPositive();
    assertThat(errors.getText()).isEqualTo(String.format(java.util.Locale.US, "%,d", count));
  }

  @Test
  void aQueryThatDoesNotParseIsRefusedInTheFormAndNothingIsSaved(Browser browser) {
    browser.expectConsoleError("400");
    browser.open("#/dashboard/incident");
    browser.waitUntil("the panels", d -> browser.all(".dash-panel[data-state='ok']").size() == INCIDENT_PANELS.size());
    browser.visible(".dashboard-add").click();
    browser.visible(".panel-form input[name='title']").sendKeys("Broken");
    browser.visible(".panel-form textarea[name='query']").sendKeys("level:ERROR | stats count( by host");
    browser.visible(".panel-form button[type='submit']").click();
    assertThat(browser.visible(".panel-form .error-box").getText()).contains("Syntax error");
    browser.reload();
    browser.waitUntil("the panels", d -> browser.all(".dash-panel[data-state='ok']").size() == INCIDENT_PANELS.size());
  }
}
