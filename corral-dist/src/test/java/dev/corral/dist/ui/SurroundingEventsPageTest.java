package dev.corral.dist.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The "surrounding events" view in a real browser: from an event opened in Search (and in the trace
 * view), what the same service on the same host logged just before and after it — the event
 * highlighted, twenty on each side, none from another host or service, more on "Load earlier" and
 * "Load later" until there is no more.
 */
@ExtendWith(CorralUiExtension.class)
class SurroundingEventsPageTest {
  /** Events of the service on the host the view is about: one a second, "step 0" to "step 59". */
  private static final int STEPS = 60;
  /** The event the view is opened on: room for a full page before and after it, and more. */
  private static final int ANCHOR = 30;
  private static final String TRACE_ID = "5a1f0c3e9b2d4c6e8f0a1b2c3d4e5f60";
  private static final Instant START = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);

  @BeforeAll
  static void ingestNeighbours(DemoDataServer server) throws Exception {
    List<String> lines = new ArrayList<>();
    for (int step = 0; step < STEPS; step++) {
      String trace = step == ANCHOR ? ",\"trace_id\":\"" + TRACE_ID + "\"" : "";
      lines.add(line(step * 1000L, "worker-svc", "web-1", (step == ANCHOR ? "ERROR" : "INFO"), "step " + step, trace));
      // the same service on another host, and another service on the same host, at the same moments
      lines.add(line(step * 1000L + 300, "worker-svc", "web-2", "INFO", "other host " + step, ""));
      lines.add(line(step * 1000L + 600, "billing-svc", "web-1", "INFO", "other service " + step, ""));
    }
    server.ingest(String.join("\n", lines).concat("\n").getBytes(StandardCharsets.UTF_8), lines.size());
    Api.awaitTotal(server, "logtype:surrounding-test", lines.size());
  }

  private static String line(long offsetMillis, String service, String host, String level, String message, String extra) {
    return """
        {"timestamp":"%s","level":"%s","service":"%s","host":"%s","logtype":"surrounding-test","message":"%s"%s}"""
        .formatted(START.plusMillis(offsetMillis), level, service, host, message, extra);
  }

  @Test
  void anEventInSearchOpensItsNeighboursOfTheSameServiceAndHostWithItHighlighted(Browser browser) {
    browser.open("#/search?q=" + java.net.URLEncoder.encode("logtype:surrounding-test message:\"step " + ANCHOR + "\"",
        StandardCharsets.UTF_8) + "&from=now-1h");
    WebElement row = browser.waitUntil("the event", d -> browser.all(".result-row").stream().findFirst().orElse(null));
    row.click();
    browser.visible(".event-detail .surrounding-link").click();
    browser.waitUntil("the surrounding view", d -> Api.route(browser).startsWith("/surrounding?"));
    assertThat(Api.routeParam(browser, "service")).isEqualTo("worker-svc");
    assertThat(Api.routeParam(browser, "host")).isEqualTo("web-1");

    List<String> messages = awaitMessages(browser, 41);
    assertThat(messages).as("twenty before, the event, twenty after, in time order")
        .containsExactlyElementsOf(steps(ANCHOR - 20, ANCHOR + 20));
    List<WebElement> anchors = browser.all(".surrounding-item[data-anchor='true']");
    assertThat(anchors).hasSize(1);
    assertThat(anchors.get(0).findElement(By.className("cell-message")).getText()).isEqualTo("step " + ANCHOR);
    assertThat(anchors.get(0).getAttribute("aria-current")).isEqualTo("true");
    browser.screenshot("surrounding");

    browser.visible(".surrounding-earlier").click();
    assertThat(awaitMessages(browser, 51)).as("the ten earlier ones left").containsExactlyElementsOf(steps(0, ANCHOR + 20));
    browser.visible(".surrounding-earlier").click();
    browser.waitUntil("no earlier events", d -> browser.visible(".surrounding-earlier").getText().equals("No earlier events"));
    browser.visible(".surrounding-later").click();
    assertThat(awaitMessages(browser, STEPS)).as("every step, once").containsExactlyElementsOf(steps(0, STEPS - 1));
    assertThat(browser.all(".surrounding-item[data-anchor='true']")).hasSize(1);
  }

  @Test
  void anEventInTheTraceViewLinksToItsNeighbours(Browser browser) {
    browser.open("#/trace/" + TRACE_ID + "?from=now-1h");
    browser.visible(".trace-marker.marker-error").click();
    WebElement link = browser.visible(".event-detail .surrounding-link");
    link.click();
    browser.waitUntil("the surrounding view", d -> Api.route(browser).startsWith("/surrounding?"));
    assertThat(awaitMessages(browser, 41)).containsExactlyElementsOf(steps(ANCHOR - 20, ANCHOR + 20));
    assertThat(browser.visible(".surrounding-item[data-anchor='true'] .cell-message").getText()).isEqualTo("step " + ANCHOR);
  }

  /** Waits until the view lists {@code count} events and answers their messages, in order. */
  private static List<String> awaitMessages(Browser browser, int count) {
    return browser.waitUntil(count + " surrounding events", d -> {
      List<String> messages = browser.all(".surrounding-item .cell-message").stream().map(WebElement::getText).toList();
      return messages.size() == count ? messages : null;
    });
  }

  private static List<String> steps(int first, int last) {
    List<String> steps = new ArrayList<>();
    for (int step = first; step <= last; step++) {
      steps.add("step " + step);
    }
    return steps;
  }
}
