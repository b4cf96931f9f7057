package dev.corral.dist.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The pipelines page in a real browser against a real server: a pasted definition and pasted
 * lines give a preview of every processor in order with its status and the reason of a failure;
 * a bad definition shows the server's message in place; the grok debugger highlights each capture
 * of a COMBINEDAPACHELOG line with a legend; the stored-pipelines list says when the server
 * stores none.
 */
@ExtendWith(CorralUiExtension.class)
class PipelinesPageTest {
  private static final String LINE = "93.180.71.3 - - [17/May/2015:08:05:32 +0000] \"GET /downloads/product_1 HTTP/1.1\" "
      + "304 0 \"-\" \"Debian APT-HTTP/1.3 (0.8.16~exp12ubuntu10.21)\"";
  private static final String DEFINITION = """
      id: web
      processors:
        - dissect: {field: message, pattern: '%{client} - - [%{ts}] "%{verb} %{path} %{rest}'}
        - date: {field: ts, formats: ["dd/MMM/yyyy:HH:mm:ss Z"], tag: when}
        - route: {stream: downloads, if: "verb:GET"}
        - lowercase: {field: verb}
      """;

  @Test
  void aPastedDefinitionAndLinesShowEveryProcessorInOrder(Browser browser) {
    browser.expectConsoleError("/api/v1/pipelines"); // the 400 of the bad definition below
    browser.open("#/pipelines");
    assertThat(browser.visible("header nav a.active").getText()).isEqualTo("Pipelines");
    browser.visibleWithText(".pipeline-stored-note", "no stored pipelines yet"); // the API answers an empty list

    paste(browser, ".pipeline-editor", DEFINITION);
    paste(browser, ".pipeline-lines", LINE + "\nnot an access line\n");
    browser.waitUntil("the preview of the pasted definition on two samples", d -> browser.all(".sim-doc").size() == 2
        && browser.all(".sim-doc:first-child .sim-step[data-type='lowercase']").size() == 1);

    List<WebElement> steps = browser.all(".sim-doc:nth-child(1) .sim-step");
    assertThat(steps).extracting(s -> s.getAttribute("data-type") + ":" + s.getAttribute("data-status"))
        .containsExactly("dissect:success", "date:success", "route:success", "lowercase:success");
    assertThat(steps.get(0).getText()).contains("+ client = 93.180.71.3", "+ path = /downloads/product_1");
    assertThat(steps.get(1).getText()).contains("#when", "~ timestamp = 2015-05-17T08:05:32Z");
    assertThat(steps.get(2).getText()).contains("+ stream = downloads");
    assertThat(steps.get(3).getText()).contains("~ verb = get");
    assertThat(browser.visible(".sim-doc:nth-child(1)").getAttribute("data-outcome")).isEqualTo("kept");

    WebElement failed = browser.visible(".sim-doc:nth-child(2)");
    assertThat(failed.getAttribute("data-outcome")).isEqualTo("failed");
    WebElement dissect = failed.findElement(By.cssSelector(".sim-step[data-status='error']"));
    assertThat(dissect.getAttribute("data-type")).isEqualTo("dissect");
    assertThat(dissect.findElement(By.className("sim-step-error")).getText()).isNotBlank();
    browser.screenshot("pipelines");

    paste(browser, ".pipeline-editor", DEFINITION.replace("lowercase:", "lowercas:"));
    WebElement error = browser.visible(".pipeline-preview[data-state='error'] .error-message");
    assertThat(error.getText()).contains("lowercas", "line 6");
  }

  @Test
  void theGrokDebuggerHighlightsEachCaptureWithALegend(Browser browser) {
    browser.expectConsoleError("/api/v1/pipelines");
    browser.open("#/pipelines");
    paste(browser, ".grok-pattern", "%{IPORHOST:client} %{USER:ident} %{USER:auth} \\[%{HTTPDATE:when}\\] \"%{WORD:verb} "
        + "%{NOTSPACE:path} %{GREEDYDATA:rest}");
    paste(browser, ".grok-text", LINE);
    browser.waitUntil("the highlighted captures", d -> browser.all(".grok-result[data-state='matched'] mark.grok-capture[data-field='verb']")
        .size() == 1 && browser.all(".grok-legend li[data-field='client']").size() == 1);

    assertThat(browser.visible("mark.grok-capture[data-field='client']").getText()).isEqualTo("93.180.71.3");
    assertThat(browser.visible("mark.grok-capture[data-field='verb']").getText()).isEqualTo("GET");
    assertThat(browser.visible("mark.grok-capture[data-field='path']").getText()).isEqualTo("/downloads/product_1");
    assertThat(browser.visible(".grok-highlight").getText()).isEqualTo(LINE);
    assertThat(browser.all(".grok-legend li")).extracting(li -> li.getAttribute("data-field"))
        .containsExactly("client", "ident", "auth", "when", "verb", "path", "rest");
    assertThat(browser.visible(".grok-legend li[data-field='when']").getText()).contains("17/May/2015:08:05:32 +0000");
    String clientColour = browser.visible("mark.grok-capture[data-field='client']").getCssValue("background-color");
    assertThat(browser.visible("mark.grok-capture[data-field='verb']").getCssValue("background-color")).isNotEqualTo(clientColour);
    browser.script("document.querySelector('.grok-debugger').scrollIntoView()");
    browser.screenshot("pipelines-grok");

    paste(browser, ".grok-pattern", "%{COMBINEDAPACHELOGG}");
    assertThat(browser.visible(".grok-result[data-state='error'] .grok-error").getText())
        .contains("did you mean COMBINEDAPACHELOG");
  }

  @Test
  void theLastEventsOfASearchAreTheSample(Browser browser) {
    browser.expectConsoleError("/api/v1/pipelines");
    browser.open("#/pipelines");
    paste(browser, ".pipeline-editor", "id: tagged\nprocessors:\n  - set: {field: seen_by, value: debugger}\n");
    paste(browser, ".pipeline-query", "level:ERROR");
    paste(browser, ".pipeline-count", "5");
    browser.visible(".pipeline-fetch").click();
    browser.visibleWithText(".pipeline-sample-note", "the last 5 events of “level:ERROR”");
    browser.waitUntil("a preview of five events", d -> browser.all(".sim-doc").size() == 5
        && browser.all(".sim-doc .sim-step[data-type='set']").size() == 5);
    for (WebElement doc : browser.all(".sim-doc")) {
      assertThat(doc.getAttribute("data-outcome")).isEqualTo("kept");
      assertThat(doc.findElement(By.cssSelector(".sim-step[data-type='set']")).getText()).contains("+ seen_by = debugger");
    }
    String finalEvent = String.valueOf(browser.script(
        "return document.querySelector('.sim-doc .sim-final pre').textContent"));
    assertThat(finalEvent).contains("\"level\": \"ERROR\"", "\"seen_by\": \"debugger\"");
  }

  @Test
  void nestedCapturesAreHighlightedByTheInnermost(Browser browser) throws Exception {
    browser.open("#/pipelines");
    browser.expectConsoleError("/api/v1/pipelines");
    String segments = browser.call("/ui/pages/pipelines.js", "highlightSegments", "ab cd",
        List.of(java.util.Map.of("start", 0, "end", 5), java.util.Map.of("start", 3, "end", 5)));
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(segments).toString())
        .isEqualTo("[{\"text\":\"ab \",\"capture\":0},{\"text\":\"cd\",\"capture\":1}]");
  }

  /** Replaces a field's text as a paste does: one input event, so the preview runs once on the whole text. */
  private static void paste(Browser browser, String css, String text) {
    browser.script("const el = document.querySelector(arguments[0]); el.value = arguments[1];"
        + "el.dispatchEvent(new Event('input', {bubbles: true}));", css, text);
  }
}
