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
 * its data (the Firing alerts panel its empty state: AlertsPageTest has it with alerts), a matrix
 * cell opens Search with that service and level, a panel added from a pipe query (and an alerts
 * panel, which takes none) is saved by the server (still there after a reload) until it is removed,
 * a user's dashboard is deleted and a changed built-in reset only after a confirm step, and the server's
 * refusal to delete a built-in shows in place.
 */
@ExtendWith(CorralUiExtension.class)
class DashboardPageTest {
  /** The built-in incident dashboard's panels (corral-server's dashboards/incident.json). */
  private static final List<String> INCIDENT_PANELS = List.of("firing-alerts", "service-health", "error-rate", "latency-p95",
      "failing-traces");

  @Test
  void rendersEveryIncidentPanelWithData(Browser browser) {
    browser.open("#/dashboard");
    browser.waitUntil("every panel to be drawn", d -> browser.all(".dash-panel[data-state='ok']").size() == INCIDENT_PANELS.size());
    assertThat(browser.all(".dash-panel")).extracting(e -> e.getAttribute("data-panel-id")).containsExactlyElementsOf(INCIDENT_PANELS);

    List<WebElement> services = browser.all(".dash-panel[data-panel-id='service-health'] .matrix tbody tr");
    assertThat(services).hasSizeGreaterThan(5);
    assertThat(browser.all(".matrix thead th")).extracting(WebElement::getText).contains("INFO", "WARN", "ERROR");
    // judged by error rate, not counts (lib/health.js; HealthMatrixTest has the rules): a service under 5 % is ok
    // however many errors it logs, so the demo's busy services are not red for being busy
    for (WebElement service : services) {
      String rate = service.findElement(By.className("matrix-rate")).getAttribute("data-rate");
      if (!rate.isEmpty() && Double.parseDouble(rate) < 5) {
        assertThat(service.getAttribute("data-tone")).as(service.getText()).isEqualTo("ok");
      }
    }
    assertThat(browser.all(".matrix tbody .matrix-rate")).hasSameSizeAs(services);
    for (String chart : List.of("error-rate", "latency-p95")) {
      WebElement drawn = browser.visible(".dash-panel[data-panel-id='" + chart + "'] .chart");
      assertThat(Integer.parseInt(drawn.getAttribute("data-series"))).as(chart).isPositive();
      assertThat(Integer.parseInt(drawn.getAttribute("data-points"))).as(chart).isGreaterThan(10);
    }
    assertThat(browser.all(".dash-panel[data-panel-id='failing-traces'] .panel-table tbody tr")).isNotEmpty();
    assertThat(browser.visible(".dash-panel[data-panel-id='firing-alerts'] .alerts-panel-empty").getText())
        .as("the demo data server has no alert rule").isEqualTo("No alerts firing");
    Dimension window = browser.driver().manage().window().getSize();
    browser.driver().manage().window().setSize(new Dimension(window.getWidth(), 1400)); // every panel in the picture
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

    browser.visible(".dashboard-add").click();
    browser.visible(".panel-form input[name='title']").sendKeys("Alerts now");
    new Select(browser.visible(".panel-form select[name='visualization']")).selectByValue("alerts");
    assertThat(browser.present(".panel-form textarea[name='query']").isDisplayed()).as("an alerts panel has no query").isFalse();
    browser.visible(".panel-form button[type='submit']").click();
    browser.visible(".dash-panel[data-panel-id='alerts-now'][data-state='ok'] .alerts-panel-empty");

    browser.reload();
    WebElement panel = browser.visible(".dash-panel[data-panel-id='errors-by-host'][data-state='ok']");
    assertThat(panel.findElement(By.className("dash-panel-title")).getText()).isEqualTo("Errors by host");
    assertThat(browser.visible(".dashboard-picker").getText()).contains(id);
    WebElement alerts = browser.visible(".dash-panel[data-panel-id='alerts-now'][data-state='ok']");
    assertThat(alerts.findElement(By.className("dash-panel-title")).getAttribute("href")).endsWith("#/alerts");

    alerts.findElement(By.className("dash-panel-remove")).click();
    browser.waitUntil("the alerts panel to go", d -> browser.all(".dash-panel").size() == 1);
    browser.visible(".dash-panel[data-panel-id='errors-by-host'] .dash-panel-remove").click();
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
  void aUserDashboardIsDeletedOnlyAfterConfirming(Browser browser, DemoDataServer server) throws Exception {
    String id = "ui-test-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(send(server, "PUT", id, """
        {"title": "Short-lived", "panels": [
          {"id": "levels", "title": "Events by level", "query": "* | stats count() by level", "visualization": "table"}]}""")
        .statusCode()).isEqualTo(200);
    browser.open("#/dashboard/" + id);
    browser.visible(".dash-panel[data-panel-id='levels'][data-state='ok']");
    assertThat(browser.all(".dashboard-reset")).noneMatch(WebElement::isDisplayed);

    browser.visible(".dashboard-delete").click();
    assertThat(browser.visible(".dashboard-confirm[data-action='delete']").getText())
        .contains("Delete the dashboard \"Short-lived\"?", "1 panel", "cannot be undone");
    browser.visible(".dashboard-confirm button[type='button']").click(); // Cancel
    browser.waitUntil("the confirmation to close", d -> browser.all(".dashboard-confirm").isEmpty());
    assertThat(send(server, "GET", id, null).statusCode()).as("cancelled: still saved").isEqualTo(200);

    browser.visible(".dashboard-delete").click();
    browser.visible(".dashboard-confirm button[type='submit']").click();
    browser.waitUntil("the default dashboard", d -> Api.route(browser).equals("/dashboard/incident"));
    assertThat(send(server, "GET", id, null).statusCode()).isEqualTo(404);
    browser.waitUntil("the picker without it", d -> browser.all(".dashboard-picker option").size() > 1
        && browser.all(".dashboard-picker option").stream().noneMatch(o -> id.equals(o.getAttribute("value"))));
  }

  @Test
  void aChangedBuiltinIsResetAfterConfirmingAndARefusalShowsInPlace(Browser browser, DemoDataServer server) throws Exception {
    String override = """
        {"title": "My incident view", "panels": [
          {"id": "errors", "title": "Errors", "query": "level:ERROR", "visualization": "number"}]}""";
    browser.open("#/dashboard/incident");
    browser.waitUntil("the panels", d -> browser.all(".dash-panel[data-state='ok']").size() == INCIDENT_PANELS.size());
    assertThat(browser.all(".dashboard-delete, .dashboard-reset")).as("a built-in as shipped").noneMatch(WebElement::isDisplayed);

    assertThat(send(server, "PUT", "incident", override).statusCode()).isEqualTo(200);
    try {
      browser.reload();
      browser.visibleWithText(".dashboard-title", "My incident view");
      assertThat(browser.all(".dashboard-delete")).noneMatch(WebElement::isDisplayed);
      browser.visible(".dashboard-reset").click();
      assertThat(browser.visible(".dashboard-confirm[data-action='reset']").getText())
          .contains("Reset \"My incident view\" to the built-in version?", "(1 panel)");
      browser.visible(".dashboard-confirm button[type='submit']").click();
      browser.waitUntil("the built-in panels", d -> browser.all(".dash-panel[data-state='ok']").size() == INCIDENT_PANELS.size());
      assertThat(browser.visible(".dashboard-title").getText()).isEqualTo("Incident overview");
      assertThat(browser.all(".dashboard-confirm")).isEmpty();
      assertThat(browser.all(".dashboard-reset")).noneMatch(WebElement::isDisplayed);
      assertThat(send(server, "GET", "incident", null).body()).contains("\"modified\":false");

      // Changed again, then reset behind the page's back: the page's reset meets the server's 409.
      assertThat(send(server, "PUT", "incident", override).statusCode()).isEqualTo(200);
      browser.reload();
      browser.visible(".dashboard-reset").click();
      browser.visible(".dashboard-confirm[data-action='reset']");
      assertThat(send(server, "DELETE", "incident", null).statusCode()).isEqualTo(204);
      browser.expectConsoleError("409");
      browser.visible(".dashboard-confirm button[type='submit']").click();
      WebElement refusal = browser.visible(".dashboard-confirm .error-box");
      assertThat(refusal.getText()).contains("Error 409", "built-in dashboard and cannot be deleted");
      assertThat(Api.route(browser)).isEqualTo("/dashboard/incident");
    } finally {
      send(server, "DELETE", "incident", null); // the other tests see the built-in whatever happened here
    }
  }

  /** A request to {@code /api/v1/dashboards/{id}} with an optional JSON body. */
  private static HttpResponse<String> send(DemoDataServer server, String method, String id, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/dashboards/" + id))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
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
