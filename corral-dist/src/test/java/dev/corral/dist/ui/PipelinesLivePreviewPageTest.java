package dev.corral.dist.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The Pipelines page's live preview on real events and its per-processor counters, in a real browser
 * against a real server: the last lines an input received (before any pipeline) become the sample
 * the edited definition runs on; choosing a stored pipeline shows each processor's events in, out,
 * dropped, failed and skipped.
 */
@ExtendWith(CorralUiExtension.class)
class PipelinesLivePreviewPageTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String LINES = """
      198.51.100.7 GET /cart 200
      198.51.100.8 POST /pay 502
      198.51.100.9 GET /done 200
      """;
  private static final String COUNTED = """
      id: counted
      processors:
        - set: {field: seen, value: yes}
        - drop: {if: "message:health*"}
        - convert: {field: bytes, type: long, tag: bytes-to-long}
      """;

  @Test
  void theLastLinesAnInputReceivedAreTheSampleOfThePreview(Browser browser, DemoDataServer server) throws Exception {
    assertThat(send(server, "POST", "/api/v1/ingest/raw?service=edge", "text/plain", LINES)).isEqualTo(200);
    browser.open("#/pipelines");
    paste(browser, ".pipeline-editor", "id: edge\nprocessors:\n  - dissect: {field: message, "
        + "pattern: '%{client} %{verb} %{path} %{status}'}\n  - convert: {field: status, type: long}\n");
    browser.waitUntil("the raw input among those with recent events", d -> browser.all(".pipeline-input option[value='raw']")
        .size() == 1);
    new Select(browser.visible(".pipeline-input")).selectByValue("raw");
    paste(browser, ".pipeline-count", "2");
    browser.visible(".pipeline-use-input").click();
    browser.visibleWithText(".pipeline-sample-note", "the last 2 events input raw received");
    browser.waitUntil("a preview of the two last lines", d -> browser.all(".sim-doc").size() == 2
        && browser.all(".sim-doc .sim-step[data-type='convert'][data-status='success']").size() == 2);
    List<WebElement> docs = browser.all(".sim-doc");
    assertThat(docs.get(0).findElement(By.cssSelector(".sim-step[data-type='dissect']")).getText())
        .contains("+ client = 198.51.100.8", "+ path = /pay");
    assertThat(docs.get(1).findElement(By.cssSelector(".sim-step[data-type='dissect']")).getText())
        .contains("+ client = 198.51.100.9", "+ verb = GET");
    browser.screenshot("pipelines-live-preview");
  }

  @Test
  void aStoredPipelineShowsTheCountersOfEachProcessor(Browser browser, DemoDataServer server) throws Exception {
    assertThat(send(server, "PUT", "/api/v1/pipelines/counted", "application/yaml", COUNTED)).isEqualTo(200);
    assertThat(send(server, "POST", "/api/v1/ingest?pipeline=counted", "application/x-ndjson", """
        {"service":"shop","message":"order 1","bytes":"12"}
        {"service":"shop","message":"health check"}
        {"service":"shop","message":"order 2","bytes":"many"}
        """)).isEqualTo(200);
    browser.open("#/pipelines");
    browser.waitUntil("the stored pipeline listed", d -> browser.all(".pipeline-stored option[value='counted']").size() == 1);
    new Select(browser.visible(".pipeline-stored")).selectByValue("counted");
    browser.waitUntil("the counters of each processor", d -> browser.all(".pipeline-metrics-table tbody tr").size() == 3);
    assertThat(browser.visible(".pipeline-metrics-totals").getText()).contains("3 in", "1 dropped", "1 failed");
    assertThat(row(browser, "0:set")).containsExactly("0:set", "3", "3", "0", "0", "0");
    assertThat(row(browser, "1:drop")).containsExactly("1:drop", "1", "0", "1", "0", "2");
    assertThat(row(browser, "bytes-to-long")).containsExactly("bytes-to-long", "2", "1", "0", "1", "0");

    assertThat(send(server, "POST", "/api/v1/ingest?pipeline=counted", "application/x-ndjson",
        "{\"service\":\"shop\",\"message\":\"order 3\",\"bytes\":\"3\"}\n")).isEqualTo(200);
    // Refresh until the 4th event shows: the panel does not poll by itself, and one click on a loaded machine may
    // land before the button listens (it failed once so in a full verify).
    browser.waitUntil("the counters after one more event", d -> {
      boolean shown = browser.all(".pipeline-metrics-table tr[data-metric='0:set'] .metric-in").stream()
          .anyMatch(cell -> cell.getText().equals("4"));
      if (!shown) {
        browser.visible(".pipeline-metrics-refresh").click();
      }
      return shown;
    });
    browser.script("document.querySelector('.pipeline-metrics').scrollIntoView()");
    browser.screenshot("pipelines-processor-metrics");
  }

  /** The cells of a processor's row up to the time spent: label, in, out, dropped, failed, skipped. */
  private static List<String> row(Browser browser, String metric) {
    List<WebElement> cells = browser.all(".pipeline-metrics-table tr[data-metric='" + metric + "'] td");
    return cells.subList(0, 6).stream().map(WebElement::getText).toList();
  }

  private static int send(DemoDataServer server, String method, String path, String type, String body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + path)).header("Content-Type", type)
        .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  /** Replaces a field's text as a paste does: one input event. */
  private static void paste(Browser browser, String css, String text) {
    browser.script("const el = document.querySelector(arguments[0]); el.value = arguments[1];"
        + "el.dispatchEvent(new Event('input', {bubbles: true}));", css, text);
  }
}
