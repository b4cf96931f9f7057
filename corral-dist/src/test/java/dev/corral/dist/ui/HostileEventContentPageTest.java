package dev.corral.dist.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Event content is hostile, and every page that shows it keeps it inert, in a real browser: events
 * whose message, field names, field values, service, host, trace id, stack trace and URL-looking
 * fields hold markup ({@code <script>}, {@code <img onerror>}, {@code "><svg onload>}) and
 * {@code javascript:} / {@code data:} / {@code vbscript:} URLs, walked through Search (rows, the
 * expanded event, the field sidebar, a stats table), the trace view, the live tail, surrounding
 * events, a dashboard whose panels show them, the Alerts page with an alert grouped by a hostile
 * service, the pipeline debugger on hostile samples (pasted lines, a search's events, an input's
 * last events, the grok debugger) and the status page. On each page: no payload ran
 * ({@code window.__xss} stays undefined), no element came from one (no script, img, iframe, svg
 * other than the UI's own, no {@code on…} attribute anywhere), every link goes to http(s) — the
 * UI's own routes or an http(s) URL of the event — the payload shows as the text it is, and the
 * console holds no error (a Content-Security-Policy violation is one).
 *
 * <p>One server (no demo history: the test knows every event) and one browser for the whole class.
 */
class HostileEventContentPageTest {
  private static final String SCRIPT = "<script>window.__xss=1</script>";
  private static final String IMG = "<img src=x onerror=window.__xss=2>";
  private static final String SVG = "\"><svg onload=window.__xss=3>";
  private static final String JS_LINK = "javascript:window.__xss=4";
  private static final String JS_MIXED_CASE = "JaVaScRiPt:window.__xss=5";
  private static final String JS_HIDDEN = "java\tscript:window.__xss=6";
  private static final String DATA_URL = "data:text/html,<script>window.__xss=7</script>";
  private static final String VBSCRIPT = "vbscript:msgbox(8)";
  /** The one URL of the events that may become a link. */
  private static final String RUNBOOK = "https://runbooks.example.com/checkout?step=1";
  private static final String MESSAGE = "checkout failed " + IMG + " see " + RUNBOOK + " or " + JS_LINK;
  private static final String STACK = "java.lang.IllegalStateException: " + SCRIPT + "\n\tat shop.Checkout.pay(Checkout.java:42)";
  private static final String LIVE_MESSAGE = "live " + SCRIPT + " " + JS_MIXED_CASE;
  private static final String RULE = "hostile_services";
  private static final String DASHBOARD = "hostile";
  private static final String DOM = "/ui/lib/dom.js";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

  private static DemoDataServer server;
  private static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    Path alerts = Files.createTempDirectory("corral-ui-hostile-");
    Files.writeString(alerts.resolve(RULE + ".yaml"), """
        name: hostile_services
        query: "logtype:hostile | stats count() as events by service"
        every: 1s
        window: 1h
        condition: "events > 0"
        """);
    server = DemoDataServer.startEmptyWith(Map.of("alerts.dir", alerts.toString(), "alerts.lag", "1s"));
    browser = Browser.start(server.url());
    List<Map<String, Object>> events = List.of(
        event(-3_000, SCRIPT, "ERROR", MESSAGE, Map.of("url", JS_LINK, "link", JS_MIXED_CASE, "hidden_link", JS_HIDDEN,
            "data_url", DATA_URL, "vb", VBSCRIPT, "docs", RUNBOOK, IMG, SCRIPT,
            "exception", Map.of("type", "java.lang.IllegalStateException", "stacktrace", STACK))),
        event(-2_000, SCRIPT, "INFO", SVG + " " + DATA_URL, Map.of("url", DATA_URL)),
        event(-1_000, IMG, "WARN", JS_MIXED_CASE, Map.of("url", VBSCRIPT)));
    ingest(events);
    Api.awaitTotal(server, "logtype:hostile", events.size());
  }

  private static Map<String, Object> event(long offsetMillis, String service, String level, String message, Map<String, Object> fields) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("timestamp", NOW.plusMillis(offsetMillis).toString());
    event.put("level", level);
    event.put("service", service);
    event.put("host", IMG);
    event.put("trace_id", SVG);
    event.put("logtype", "hostile");
    event.put("message", message);
    event.putAll(fields);
    return event;
  }

  private static void ingest(List<Map<String, Object>> events) throws Exception {
    StringBuilder lines = new StringBuilder();
    for (Map<String, Object> event : events) {
      lines.append(JSON.writeValueAsString(event)).append('\n');
    }
    server.ingest(lines.toString().getBytes(StandardCharsets.UTF_8), events.size());
  }

  @AfterEach
  void screenshotAndCleanConsole(TestInfo test) {
    CorralUiExtension.afterTest(browser, HostileEventContentPageTest.class.getSimpleName() + "-"
        + test.getTestMethod().orElseThrow().getName(), true);
  }

  @AfterAll
  static void stop() throws Exception {
    CorralUiExtension.close(browser, server);
  }

  @Test
  void searchRowsAndTheExpandedEventShowMarkupAsTextAndLinkOnlyHttpUrls() {
    open("#/search?q=" + encode("logtype:hostile") + "&from=now-1h");
    browser.waitUntil("the three events", d -> browser.all(".result-row").size() == 3);
    assertInert(SCRIPT, IMG, SVG, JS_MIXED_CASE);
    WebElement row = browser.waitUntil("the event with the stack trace", d -> browser.all(".result-row").stream()
        .filter(r -> r.getText().contains("checkout failed")).findFirst().orElse(null));
    row.click();
    WebElement detail = browser.visible(".event-detail");
    assertThat(fieldValue(detail, "message")).isEqualTo(MESSAGE);
    assertThat(fieldValue(detail, "url")).isEqualTo(JS_LINK);
    assertThat(fieldValue(detail, "link")).isEqualTo(JS_MIXED_CASE);
    assertThat(fieldValue(detail, "data_url")).isEqualTo(DATA_URL);
    assertThat(fieldValue(detail, "vb")).isEqualTo(VBSCRIPT);
    assertThat(fieldValue(detail, IMG)).as("a field named with markup, valued with markup").isEqualTo(SCRIPT);
    assertThat(detail.findElement(By.cssSelector("tr[data-field='exception.stacktrace'] .field-value")).getText())
        .startsWith("java.lang.IllegalStateException: " + SCRIPT);
    List<String> links = detail.findElements(By.cssSelector(".field-value a")).stream().map(a -> a.getDomAttribute("href")).toList();
    assertThat(links).as("the runbook URL, in the message and in its own field, is a link; no other value is")
        .containsExactly(RUNBOOK, RUNBOOK);
    WebElement runbook = detail.findElement(By.cssSelector("tr[data-field='docs'] .field-value a"));
    assertThat(runbook.getDomAttribute("rel")).contains("noopener", "noreferrer");
    assertThat(runbook.getDomAttribute("target")).isEqualTo("_blank");
    assertInert(MESSAGE, DATA_URL, VBSCRIPT, STACK.lines().findFirst().orElseThrow());
  }

  @Test
  void theFieldSidebarAndAStatsTableShowMarkupAsText() {
    open("#/search?q=" + encode("logtype:hostile") + "&from=now-1h");
    WebElement sidebar = browser.visible(".field-sidebar");
    browser.waitUntil("the hostile field name in the sidebar", d -> sidebar.findElements(By.cssSelector(".field-label")).stream()
        .anyMatch(label -> label.getText().equals(IMG)));
    browser.waitUntil("the hostile services among the top values", d -> sidebar.findElements(By.cssSelector(".field-value-text"))
        .stream().map(WebElement::getText).toList().containsAll(List.of(SCRIPT, IMG)));
    assertInert(IMG, SCRIPT);

    open("#/search?q=" + encode("logtype:hostile | stats count() by service, url") + "&from=now-1h");
    browser.waitUntil("the stats table", d -> browser.all(".result-table tbody tr").size() == 3);
    assertInert(SCRIPT, IMG, JS_LINK, DATA_URL, VBSCRIPT);
  }

  @Test
  void theTraceViewShowsHostileServicesMessagesAndIdAsText() {
    open("#/trace/" + encode(SVG) + "?from=now-1h");
    browser.waitUntil("the trace's two lanes", d -> browser.all(".trace-lane[data-service]").size() == 2);
    assertThat(browser.visible(".trace-summary h1 code").getText()).isEqualTo(SVG);
    browser.visible(".trace-marker.marker-error").click();
    WebElement detail = browser.visible(".trace-events .event-detail");
    assertThat(fieldValue(detail, "message")).isEqualTo(MESSAGE);
    assertInert(SVG, SCRIPT, IMG, MESSAGE, JS_MIXED_CASE);
  }

  @Test
  void theLiveTailShowsArrivingMarkupAsText() throws Exception {
    open("#/tail?q=" + encode("logtype:livetail"));
    browser.waitUntil("the tail to be live", d -> "live".equals(browser.visible(".tail-page").getDomAttribute("data-state")));
    Map<String, Object> live = event(0, IMG, "ERROR", LIVE_MESSAGE, Map.of("url", JS_LINK, "docs", RUNBOOK));
    live.put("logtype", "livetail");
    ingest(List.of(live));
    WebElement row = browser.waitUntil("the live event", d -> browser.all(".tail-row").stream().findFirst().orElse(null));
    assertThat(row.findElement(By.className("cell-message")).getText()).isEqualTo(LIVE_MESSAGE);
    row.click();
    WebElement detail = browser.visible(".tail-detail .event-detail");
    assertThat(fieldValue(detail, "url")).isEqualTo(JS_LINK);
    assertInert(LIVE_MESSAGE, IMG, JS_LINK);
  }

  @Test
  void surroundingEventsOfAHostileServiceAndHostShowThemAsText() {
    open("#/search?q=" + encode("logtype:hostile level:ERROR") + "&from=now-1h");
    browser.waitUntil("the event", d -> browser.all(".result-row").stream().findFirst().orElse(null)).click();
    browser.visible(".event-detail .surrounding-link").click();
    browser.waitUntil("the surrounding view", d -> Api.route(browser).startsWith("/surrounding?"));
    assertThat(Api.routeParam(browser, "service")).isEqualTo(SCRIPT);
    assertThat(Api.routeParam(browser, "host")).isEqualTo(IMG);
    browser.waitUntil("the two events of the service on the host", d -> browser.all(".surrounding-item").size() == 2);
    browser.visible(".surrounding-anchor .event-row").click();
    browser.visible(".surrounding-anchor .event-detail");
    assertInert(SCRIPT, IMG, MESSAGE, SVG + " " + DATA_URL);
  }

  @Test
  void aDashboardWhosePanelsShowHostileContentKeepsItText() throws Exception {
    String definition = JSON.writeValueAsString(Map.of("title", "hostile " + SCRIPT, "panels", List.of(
        panel("by-service-url", "Services " + IMG, "logtype:hostile | stats count() by service, url", "table"),
        panel("by-trace", "Traces", "logtype:hostile | stats count() by trace_id", "table"),
        panel("matrix", "Health", "logtype:hostile | stats count() by service, level", "matrix"),
        panel("events", "Events " + SVG, "logtype:hostile", "table"),
        panel("over-time", "Over time", "logtype:hostile | timechart span=1m count() by service", "line"),
        Map.of("id", "alerts", "title", "Alerts", "visualization", "alerts"))));
    HttpResponse<String> saved = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/dashboards/" + DASHBOARD))
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(definition)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(saved.statusCode()).as(saved.body()).isBetween(200, 201);
    open("#/dashboard/" + DASHBOARD);
    browser.waitUntil("every panel drawn", d -> browser.all(".dash-panel").size() == 6
        && browser.all(".dash-panel[data-state='ok']").size() == 6);
    browser.waitUntil("the alert of the hostile services", d -> browser.all(".alert-instances .alert-group").stream()
        .anyMatch(group -> group.getText().equals("service=" + SCRIPT)));
    assertThat(browser.all(".panel-trace-link").stream().map(a -> a.getDomAttribute("href")).toList())
        .as("a hostile trace id links to its trace, in the UI").containsExactly("#/trace/" + encodeSegment(SVG));
    assertThat(browser.all(".dash-panel-title").stream().map(WebElement::getText).toList())
        .contains("Services " + IMG, "Events " + SVG);
    assertInert("hostile " + SCRIPT, IMG, JS_LINK, SVG, MESSAGE);
  }

  @Test
  void anAlertGroupedByAHostileServiceAndItsRootCauseShowItAsText() {
    open("#/alerts?rule=" + RULE);
    WebElement instance = browser.waitUntil("the firing alert of the hostile service", d -> browser.all(".alert-instance.state-firing")
        .stream().filter(row -> row.getText().contains("service=" + SCRIPT)).findFirst().orElse(null));
    assertInert("service=" + SCRIPT, "service=" + IMG);
    WebElement rootCause = instance.findElement(By.cssSelector(".alert-root-cause-link"));
    browser.script("arguments[0].scrollIntoView({block: 'center'})", rootCause);
    rootCause.click();
    browser.visible(".surrounding-page .surrounding-anchor");
    assertThat(Api.routeParam(browser, "service")).isEqualTo(SCRIPT);
    assertInert(SCRIPT, IMG);
  }

  @Test
  void thePipelineDebuggerShowsHostileSamplesAndCapturesAsText() {
    open("#/pipelines");
    paste(".pipeline-editor", "id: hostile\nprocessors:\n  - dissect: {field: message, pattern: '%{markup}|%{link}'}\n");
    paste(".pipeline-lines", SCRIPT + "|" + JS_LINK + "\n" + IMG + "|" + DATA_URL + "\n");
    browser.waitUntil("both samples dissected", d -> browser.all(".sim-doc .sim-step[data-type='dissect'][data-status='success']")
        .size() == 2);
    assertInert("+ markup = " + SCRIPT, "+ link = " + JS_LINK, "+ markup = " + IMG, "+ link = " + DATA_URL);

    paste(".pipeline-editor", "id: seen\nprocessors:\n  - set: {field: seen, value: 'yes'}\n");
    paste(".pipeline-query", "logtype:hostile");
    browser.visible(".pipeline-fetch").click();
    browser.visibleWithText(".pipeline-sample-note", "the last 3 events");
    browser.waitUntil("the three events as samples", d -> browser.all(".sim-doc").size() == 3
        && browser.all(".sim-doc .sim-final pre").size() == 3);
    browser.all(".sim-doc .sim-final summary").forEach(WebElement::click);
    assertInert(SCRIPT, IMG, JS_MIXED_CASE, RUNBOOK);

    String input = browser.waitUntil("the input that received the events (not the alerts' own)", d -> browser
        .all(".pipeline-input option").stream().map(option -> option.getDomAttribute("value"))
        .filter(value -> !value.isEmpty() && !value.equals("alerts")).findFirst().orElse(null));
    new Select(browser.visible(".pipeline-input")).selectByValue(input);
    paste(".pipeline-count", "3");
    browser.visible(".pipeline-use-input").click();
    browser.visibleWithText(".pipeline-sample-note", "(before any pipeline)");
    browser.waitUntil("the input's last three events as samples", d -> browser.all(".sim-doc .sim-final pre").size() == 3
        && browser.all(".sim-doc .sim-final[open]").isEmpty());
    browser.all(".sim-doc .sim-final summary").forEach(WebElement::click);
    assertInert(IMG);

    paste(".grok-pattern", "%{GREEDYDATA:payload}");
    paste(".grok-text", SVG + " " + JS_MIXED_CASE);
    browser.waitUntil("the capture", d -> browser.all(".grok-result[data-state='matched'] .grok-value").stream()
        .anyMatch(value -> value.getText().equals(SVG + " " + JS_MIXED_CASE)));
    assertInert(SVG + " " + JS_MIXED_CASE);
  }

  @Test
  void onlyHttpAndRelativeUrlsPassTheUrlRuleHowEverTheSchemeIsSpelled() throws Exception {
    open("#/status");
    for (String hostile : List.of(JS_LINK, JS_MIXED_CASE, JS_HIDDEN, " javascript:x", "java\nscript:x", "\u0001javascript:x",
        DATA_URL, "DATA:text/html,x", VBSCRIPT, "blob:http://127.0.0.1/x", "file:///etc/passwd", "about:blank")) {
      assertThat(browser.call(DOM, "safeUrl", hostile)).as(hostile).isEqualTo("null");
    }
    // an entity is markup: set through the DOM it is never decoded, so this is a relative path on the server
    for (String safe : List.of(RUNBOOK, "http://127.0.0.1/x", "#/search?q=a", "/ui/pages/search.css", "HTTPS://example.com/",
        "javascript&colon;x")) {
      assertThat(browser.call(DOM, "safeUrl", safe)).as(safe).isEqualTo(JSON.writeValueAsString(safe));
    }
    assertThat(browser.script("return import('/ui/lib/dom.js').then(({ h }) => ["
        + " h('a', { href: arguments[0] }).hasAttribute('href'), h('img', { src: arguments[1] }).hasAttribute('src'),"
        + " h('a', { href: '#/trace/x' }).getAttribute('href')])", JS_MIXED_CASE, DATA_URL))
        .as("h() leaves an unsafe href or src out").isEqualTo(List.of(false, false, "#/trace/x"));
    assertThat(browser.script("return import('/ui/lib/dom.js').then(({ h }) => ['innerHTML', 'srcdoc', 'onclick']"
        + ".map((name) => { try { h('div', { [name]: arguments[0] }); return 'set'; } catch (e) { return e.message; } }))", SCRIPT))
        .as("h() refuses markup and code as attributes").asString()
        .doesNotContain("set").contains("BUG: h('div') was given the attribute innerHTML");
    assertThat(browser.call("/ui/lib/events.js", "linkedText", "see " + RUNBOOK + ". or " + JS_LINK + " http://a.example/b"))
        .as("text and links (the links cross as {} through JSON)")
        .isEqualTo("[\"see \",{},\". or " + JS_LINK + " \",{}]");
  }

  @Test
  void theStatusPageStaysInert() {
    open("#/status");
    browser.visible(".status-page");
    assertInert();
  }

  /** Opens a route and records every Content-Security-Policy violation the page reports from then on. */
  private static void open(String route) {
    browser.open(route);
    browser.script("window.__cspViolations = [];"
        + "document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));");
  }

  /**
   * Fails unless the page is inert after showing hostile content: no payload ran, no element or
   * handler came from one, every link and source stays http(s), no CSP violation, and each of
   * {@code shown} is on the page as text.
   */
  private static void assertInert(String... shown) {
    for (String text : shown) {
      browser.waitUntil("'" + text + "' shown as text", d -> pageText().contains(text));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> page = (Map<String, Object>) browser.script("""
        const attributes = (e) => [...e.attributes];
        const http = (url) => ['http:', 'https:'].includes(new URL(url, document.baseURI).protocol);
        return {
          xss: window.__xss === undefined ? null : String(window.__xss),
          elements: [...document.querySelectorAll('#page script, #page img, #page iframe, #page frame, #page object,'
              + ' #page embed, #page foreignObject, #page svg:not(.sparkline):not(.icon), #page base, #page meta, #page link')]
              .map((e) => e.outerHTML.slice(0, 200)),
          handlers: [...document.querySelectorAll('*')].flatMap((e) => attributes(e)
              .filter((a) => a.name.toLowerCase().startsWith('on')).map((a) => `${e.tagName} ${a.name}=${a.value}`)),
          links: [...document.querySelectorAll('[href], [src], [action], [formaction]')]
              .flatMap((e) => ['href', 'src', 'action', 'formaction'].filter((n) => e.hasAttribute(n))
                  .map((n) => e.getAttribute(n)).filter((url) => !http(url)).map((url) => `${e.tagName} ${url}`)),
          csp: window.__cspViolations ?? [],
        };""");
    assertThat(page.get("xss")).as("window.__xss (a payload ran)").isNull();
    assertThat((List<?>) page.get("elements")).as("elements made from a payload").isEmpty();
    assertThat((List<?>) page.get("handlers")).as("on… attributes").isEmpty();
    assertThat((List<?>) page.get("links")).as("links and sources that are not http(s)").isEmpty();
    assertThat((List<?>) page.get("csp")).as("Content-Security-Policy violations").isEmpty();
  }

  private static String pageText() {
    return String.valueOf(browser.script("return document.getElementById('page').innerText"));
  }

  private static String fieldValue(WebElement detail, String field) {
    return detail.findElements(By.cssSelector("tr")).stream()
        .filter(row -> field.equals(row.getDomAttribute("data-field"))).findFirst()
        .orElseThrow(() -> new AssertionError("no field " + field + " in the event detail"))
        .findElement(By.className("field-value")).getText();
  }

  private static Map<String, Object> panel(String id, String title, String query, String visualization) {
    return Map.of("id", id, "title", title, "query", query, "visualization", visualization, "range", "1h");
  }

  /** Replaces a field's text as a paste does: one input event. */
  private static void paste(String css, String text) {
    browser.script("const el = document.querySelector(arguments[0]); el.value = arguments[1];"
        + "el.dispatchEvent(new Event('input', {bubbles: true}));", css, text);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A path segment as the UI's routeHash writes it (encodeURIComponent). */
  private static String encodeSegment(String text) {
    return encode(text).replace("%21", "!").replace("%27", "'").replace("%28", "(").replace("%29", ")").replace("%7E", "~");
  }
}
