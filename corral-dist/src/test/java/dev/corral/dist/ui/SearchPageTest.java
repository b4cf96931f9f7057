package dev.corral.dist.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * The Search page as a user drives it, in headless Chromium against a server holding the demo
 * fleet's last 30 minutes: run a query and read the results, see a syntax error in place, open an
 * event and filter from it or from the field sidebar, run a pipe query, share the time range
 * through the URL, complete a field name, zoom by dragging over the histogram.
 */
@ExtendWith(CorralUiExtension.class)
class SearchPageTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static WebElement queryInput(Browser browser) {
    return browser.visible("input.query-input");
  }

  private static void runQuery(Browser browser, String query) {
    WebElement input = queryInput(browser);
    input.clear();
    input.sendKeys(query);
    input.sendKeys(Keys.ENTER);
  }

  /** Waits until the results summary reports the finished query and rows are shown. */
  private static List<WebElement> awaitRows(Browser browser) {
    browser.waitUntil("the results summary", d -> browser.visible(".results-summary").getText().matches("[\\d,]+ events .*"));
    return browser.waitUntil("result rows", d -> {
      List<WebElement> rows = browser.all(".result-row");
      return rows.isEmpty() ? null : rows;
    });
  }

  private static String cellText(WebElement row, String cell) {
    return row.findElement(By.cssSelector(cell)).getText();
  }

  /** Waits until the query bar holds exactly {@code query}. */
  private static void awaitQuery(Browser browser, String query) {
    browser.waitUntil("the query bar to read '" + query + "'", d -> queryInput(browser).getAttribute("value").equals(query));
  }

  /** Waits until every shown row has {@code service} in its service cell (or, negated, none has). */
  private static void awaitRowsOfService(Browser browser, String service, boolean only) {
    browser.waitUntil((only ? "rows of " : "rows without ") + service, d -> awaitRows(browser).stream()
        .allMatch(row -> cellText(row, ".cell-service").equals(service) == only));
  }

  /** Opens the newest result and answers its service. */
  private static String openFirstEvent(Browser browser) {
    WebElement first = awaitRows(browser).get(0);
    String service = cellText(first, ".cell-service");
    first.click();
    browser.visible(".event-detail");
    return service;
  }

  /** Clicks a field action (filter-for, filter-out, open-trace) in the opened event; they show on hover. */
  private static void clickDetailAction(Browser browser, String field, String action) {
    WebElement row = browser.visible(".event-detail tr[data-field='" + field + "']");
    new Actions(browser.driver()).moveToElement(row).perform();
    row.findElement(By.cssSelector("button[data-action=" + action + "]")).click();
  }

  @Test
  void typedQueryShowsMatchingEventsAndAHistogram(Browser browser, DemoDataServer server) throws Exception {
    browser.open("#/search");
    runQuery(browser, "service:payment-gateway");

    List<WebElement> rows = awaitRows(browser);
    assertThat(rows).allSatisfy(row -> assertThat(cellText(row, ".cell-service")).isEqualTo("payment-gateway"));
    assertThat(browser.hashParam("q")).isEqualTo("service:payment-gateway");
    assertThat(browser.hashParam("from")).isEqualTo("now-15m");
    WebElement histogram = browser.present(".histogram-plot.chart");
    assertThat(Integer.parseInt(histogram.getAttribute("data-series"))).isPositive();
    assertThat(Integer.parseInt(histogram.getAttribute("data-points"))).isGreaterThan(10);
    long total = Long.parseLong(browser.visible(".results-summary").getText().split(" ")[0].replace(",", ""));
    assertThat(total).isPositive().isLessThanOrEqualTo(server.search("service:payment-gateway", 0).path("total").asLong());
  }

  @Test
  void syntaxErrorShowsTheServerMessageWithACaretInPlace(Browser browser, DemoDataServer server) throws Exception {
    browser.expectConsoleError("status of 400");
    String query = "level:ERROR AND (service:checkout";
    JsonNode expected = apiError(server, query);
    browser.open("#/search");
    runQuery(browser, query);

    WebElement error = browser.visible(".search-error .error-box");
    assertThat(error.getText()).contains("Syntax error").contains(expected.path("error").asText());
    String caretLine = error.findElement(By.cssSelector(".error-caret .caret")).getText();
    assertThat(caretLine.indexOf('^')).isEqualTo(expected.path("position").asInt());
    assertThat(queryInput(browser).getAttribute("class")).contains("invalid");
    browser.screenshot("search-error");
    assertThat(browser.all(".result-row")).noneMatch(WebElement::isDisplayed);
  }

  @Test
  void openedEventShowsEveryFieldAndFiltersForAValue(Browser browser) {
    browser.open("#/search?q=level:ERROR");
    String service = openFirstEvent(browser);

    WebElement detail = browser.visible(".event-detail");
    browser.visible(".field-block[data-field=service] .field-value-button");
    browser.screenshot("search");
    assertThat(detail.findElements(By.cssSelector("tr[data-field]"))).hasSizeGreaterThan(4);
    assertThat(detail.findElement(By.cssSelector("tr[data-field=level] .field-value")).getText()).isEqualTo("ERROR");
    assertThat(detail.findElements(By.cssSelector("button[data-action=open-trace]"))).isNotEmpty();
    clickDetailAction(browser, "service", "filter-for");

    awaitQuery(browser, "level:ERROR service:" + service);
    assertThat(browser.hashParam("q")).isEqualTo("level:ERROR service:" + service);
    awaitRowsOfService(browser, service, true);
    assertThat(awaitRows(browser)).allSatisfy(row -> assertThat(cellText(row, ".cell-level")).isEqualTo("ERROR"));
  }

  @Test
  void openedEventCopiesAsJsonAndOpensItsTrace(Browser browser) throws Exception {
    ((ChromeDriver) browser.driver()).executeCdpCommand("Browser.grantPermissions", Map.of("origin", browser.baseUrl(),
        "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
    browser.open("#/search?q=level:ERROR trace_id:*");
    openFirstEvent(browser);
    String traceId = browser.visible(".event-detail tr[data-field=trace_id] .field-value").getText();
    browser.visibleWithText(".event-detail button", "Copy as JSON").click();
    browser.visibleWithText(".event-detail button", "Copied");
    Object copied = ((JavascriptExecutor) browser.driver()).executeAsyncScript(
        "navigator.clipboard.readText().then(arguments[0], e => arguments[0]('failed: ' + e))");
    JsonNode event = JSON.readTree(String.valueOf(copied));
    assertThat(event.path("trace_id").asText()).isEqualTo(traceId);
    assertThat(event.path("level").asText()).isEqualTo("ERROR");

    browser.expectConsoleError("pages/trace.js"); // the trace page is another module; this test only needs the route
    clickDetailAction(browser, "trace_id", "open-trace");
    browser.waitUntil("the trace route", d -> browser.hash().equals("#/trace/" + traceId));
  }

  @Test
  void escapeClosesAnOpenedEventAndFilterOutExcludesAValue(Browser browser) {
    browser.open("#/search?q=level:WARN");
    String service = openFirstEvent(browser);
    browser.driver().findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
    browser.waitUntil("the detail to close", d -> browser.all(".event-detail").isEmpty());

    assertThat(openFirstEvent(browser)).isEqualTo(service);
    clickDetailAction(browser, "service", "filter-out");
    awaitQuery(browser, "level:WARN -service:" + service);
    awaitRowsOfService(browser, service, false);
  }

  @Test
  void sidebarValueFiltersTheSearch(Browser browser) {
    browser.open("#/search?q=level:ERROR");
    awaitRows(browser);
    WebElement value = browser.visible(".field-block[data-field=service] .field-value-button");
    String service = value.getAttribute("data-value");
    value.click();

    awaitQuery(browser, "level:ERROR service:" + service);
    awaitRowsOfService(browser, service, true);
  }

  @Test
  void pipeQueryShowsATableAndAChart(Browser browser) {
    browser.open("#/search");
    runQuery(browser, "level:ERROR | stats count() by service | sort -count()");
    WebElement table = browser.visible(".result-table");
    assertThat(table.findElements(By.cssSelector("thead th")).stream().map(WebElement::getText))
        .containsExactly("service", "count()");
    assertThat(table.findElements(By.cssSelector("tbody tr"))).hasSizeGreaterThan(1);
    WebElement chart = browser.present(".table-chart.chart");
    assertThat(chart.getAttribute("data-points")).isEqualTo(String.valueOf(table.findElements(By.cssSelector("tbody tr")).size()));
    assertThat(browser.all(".histogram:not([hidden])")).isEmpty();
    browser.screenshot("search-table");

    runQuery(browser, "* | timechart span=1m count() by level");
    browser.waitUntil("a time chart with a series per level", d -> {
      List<WebElement> charts = browser.all(".table-chart.chart");
      return !charts.isEmpty() && Integer.parseInt(charts.get(0).getAttribute("data-series")) >= 2
          && Integer.parseInt(charts.get(0).getAttribute("data-points")) >= 10;
    });
  }

  @Test
  void pipesThatKeepEventsShowOnlyTheirEventsWithoutPaging(Browser browser) {
    browser.open("#/search?q=level:INFO | sort timestamp | head 5");
    List<WebElement> rows = awaitRows(browser);
    assertThat(rows).hasSize(5);
    assertThat(rows).allSatisfy(row -> assertThat(cellText(row, ".cell-level")).isEqualTo("INFO"));
    assertThat(cellText(rows.get(0), ".cell-time")).as("oldest first, as sorted").isLessThanOrEqualTo(cellText(rows.get(4), ".cell-time"));
    assertThat(browser.visible(".results-end").getText()).isEqualTo("All 5 events shown.");
    assertThat(browser.present(".histogram-plot.chart").getAttribute("data-series")).isEqualTo("1");
  }

  @Test
  void timeRangeInTheUrlSurvivesAReload(Browser browser) {
    browser.open("#/search?q=level:WARN&from=now-1h&to=now");
    awaitRows(browser);
    assertThat(browser.visible(".time-picker-label").getText()).isEqualTo("Last 1 hour");

    browser.visible(".time-picker-button").click();
    browser.visible(".time-picker-presets button[data-from='now-4h']").click();
    browser.waitUntil("the URL to carry the new range", d -> browser.hashParam("from").equals("now-4h"));
    awaitRows(browser);

    browser.reload();
    assertThat(browser.visible(".time-picker-label").getText()).isEqualTo("Last 4 hours");
    assertThat(queryInput(browser).getAttribute("value")).isEqualTo("level:WARN");
    awaitRows(browser);
  }

  @Test
  void absoluteRangeFromThePickerIsShareable(Browser browser) {
    browser.open("#/search?q=level:ERROR");
    awaitRows(browser);
    browser.visible(".time-picker-button").click();
    WebElement from = browser.visible(".time-picker-absolute input[name=from]");
    from.clear();
    from.sendKeys("not a time");
    browser.visible(".time-picker-absolute button[type=submit]").click();
    assertThat(browser.visible(".time-picker-problem").getText()).contains("Not a time: not a time");

    from.clear();
    from.sendKeys("now-20m");
    WebElement to = browser.visible(".time-picker-absolute input[name=to]");
    to.clear();
    to.sendKeys("now-5m");
    to.sendKeys(Keys.ENTER);
    browser.waitUntil("the URL to carry the range", d -> browser.hashParam("from").equals("now-20m") && browser.hashParam("to").equals("now-5m"));
    awaitRows(browser);

    String shared = browser.driver().getCurrentUrl();
    browser.open("");
    browser.driver().get(shared);
    assertThat(browser.visible(".time-picker-label").getText()).isEqualTo("now-20m → now-5m");
    awaitRows(browser);
  }

  @Test
  void autocompletionOffersFieldsThenValues(Browser browser) {
    browser.open("#/search");
    WebElement input = queryInput(browser);
    input.sendKeys("serv");
    browser.visible(".autocomplete .suggestion[data-value=service]");
    input.sendKeys(Keys.TAB);
    awaitQuery(browser, "service:");

    WebElement value = browser.visible(".autocomplete .suggestion[data-kind=value]");
    browser.screenshot("search-autocomplete");
    String service = value.getAttribute("data-value");
    input.sendKeys(Keys.ARROW_DOWN, Keys.ENTER);
    awaitQuery(browser, "service:" + service + " ");
    input.sendKeys(Keys.ENTER);
    awaitRowsOfService(browser, service, true);
  }

  @Test
  void syntaxHelpExamplesFillTheQueryBar(Browser browser) {
    browser.open("#/search");
    browser.visible(".help-button").click();
    browser.visibleWithText(".syntax-help button", "level:ERROR | stats count() by service").click();
    assertThat(queryInput(browser).getAttribute("value")).isEqualTo("level:ERROR | stats count() by service");
    browser.waitUntil("the help to close", d -> !browser.present(".syntax-help").isDisplayed());
    queryInput(browser).sendKeys(Keys.ENTER);
    assertThat(browser.visible(".result-table").findElements(By.cssSelector("tbody tr"))).isNotEmpty();
  }

  @Test
  void historyRecallsEarlierQueriesWithTheArrowKeys(Browser browser) {
    browser.open("#/search");
    runQuery(browser, "level:ERROR");
    awaitRows(browser);
    runQuery(browser, "level:WARN");
    awaitRows(browser);
    WebElement input = queryInput(browser);
    input.clear();
    input.sendKeys(Keys.ARROW_UP);
    assertThat(input.getAttribute("value")).isEqualTo("level:WARN");
    input.sendKeys(Keys.ARROW_UP);
    assertThat(input.getAttribute("value")).isEqualTo("level:ERROR");
    input.sendKeys(Keys.ARROW_DOWN, Keys.ARROW_DOWN);
    assertThat(input.getAttribute("value")).isEmpty();
  }

  @Test
  void backButtonReturnsToThePreviousQuery(Browser browser) {
    browser.open("#/search?q=level:ERROR");
    awaitRows(browser);
    runQuery(browser, "level:WARN");
    awaitRows(browser);
    browser.driver().navigate().back();
    awaitQuery(browser, "level:ERROR");
    assertThat(browser.hashParam("q")).isEqualTo("level:ERROR");
    browser.waitUntil("error rows", d -> awaitRows(browser).stream().allMatch(row -> cellText(row, ".cell-level").equals("ERROR")));
  }

  @Test
  void keyboardAloneMovesBetweenRowsAndOpensAndClosesEvents(Browser browser) {
    browser.open("#/search?q=level:ERROR");
    awaitRows(browser);
    browser.script("document.querySelector('.result-row[data-index=\"0\"]').focus()");
    new Actions(browser.driver()).sendKeys(Keys.ARROW_DOWN, Keys.ARROW_DOWN, Keys.ARROW_UP, Keys.ENTER).perform();
    browser.visible(".event-detail");
    assertThat(browser.visible(".result-row.expanded").getAttribute("data-index")).isEqualTo("1");
    assertThat(browser.script("return document.activeElement.dataset.index")).isEqualTo("1");
    new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
    browser.waitUntil("the detail to close", d -> browser.all(".event-detail").isEmpty());
  }

  @Test
  void slashFocusesTheQueryBar(Browser browser) {
    browser.open("#/search?q=level:ERROR");
    awaitRows(browser);
    browser.driver().findElement(By.tagName("body")).click();
    new Actions(browser.driver()).sendKeys("/").perform();
    browser.waitUntil("the query bar to have focus",
        d -> Boolean.TRUE.equals(browser.script("return document.activeElement.classList.contains('query-input')")));
    assertThat(queryInput(browser).getAttribute("value")).isEqualTo("level:ERROR");
  }

  @Test
  void draggingAcrossTheHistogramZoomsTheRange(Browser browser) {
    browser.open("#/search?q=*&from=now-30m&to=now");
    awaitRows(browser);
    WebElement canvas = browser.visible(".histogram-plot canvas");
    int width = canvas.getSize().getWidth();
    new Actions(browser.driver()).moveToElement(canvas, -width / 4, 0).clickAndHold()
        .moveByOffset(width / 4, 0).release().perform();

    browser.waitUntil("an absolute range in the URL", d -> browser.hashParam("from").matches("\\d{4}-\\d\\d-\\d\\dT.*Z")
        && browser.hashParam("to").matches("\\d{4}-\\d\\d-\\d\\dT.*Z"));
    assertThat(browser.visible(".time-picker-label").getText()).contains("→");
    awaitRows(browser);
  }

  @Test
  void bigResultsKeepOnlyVisibleRowsInThePageAndLoadMoreOnScroll(Browser browser) {
    browser.open("#/search?q=*&from=now-30m&to=now");
    awaitRows(browser);
    int rendered = browser.all(".result-row").size();
    assertThat(rendered).isBetween(10, 80);
    browser.script("document.querySelector('.results-scroller').scrollTop = 1e9");
    browser.waitUntil("a second page", d -> browser.script(
        "return document.querySelector('.load-more')?.textContent ?? ''").toString().matches("Load more \\((4|6)\\d\\d of .*"));
    assertThat(browser.all(".result-row").size()).isLessThan(80);
  }

  private static JsonNode apiError(DemoDataServer server, String query) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/query"))
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("q", query)))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(400);
    return JSON.readTree(response.body());
  }
}
