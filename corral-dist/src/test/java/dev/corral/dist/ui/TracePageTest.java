package dev.corral.dist.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The trace view in a real browser: one lane per service, the error marked, a long pause shown as
 * a gap, an event expanded from its marker, and the list of recent traces with errors.
 */
@ExtendWith(CorralUiExtension.class)
class TracePageTest {
  /** A request through three services: the gateway calls payment, which fails after a 2 s pause. */
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final Instant START = Instant.now().minus(2, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);

  @BeforeAll
  static void ingestTrace(DemoDataServer server) throws Exception {
    List<String> lines = List.of(
        line(0, "INFO", "api-gateway", "POST /checkout"),
        line(5, "INFO", "checkout", "placing order 1234"),
        line(12, "INFO", "payment-gateway", "charging card"),
        line(2_012, "ERROR", "payment-gateway", "card declined: insufficient funds"),
        line(2_015, "WARN", "checkout", "payment failed, order 1234 cancelled"),
        line(2_020, "INFO", "api-gateway", "POST /checkout 402"));
    server.ingest(String.join("\n", lines).concat("\n").getBytes(StandardCharsets.UTF_8), lines.size());
    Api.awaitTotal(server, "trace_id:" + TRACE_ID, lines.size());
  }

  private static String line(long offsetMillis, String level, String service, String message) {
    return """
        {"timestamp":"%s","level":"%s","service":"%s","trace_id":"%s","message":"%s"}"""
        .formatted(START.plusMillis(offsetMillis), level, service, TRACE_ID, message);
  }

  @Test
  void showsOneLanePerServiceWithTheErrorMarkedAndTheGap(Browser browser) throws Exception {
    browser.open("#/trace/" + TRACE_ID);
    browser.visible(".trace-timeline");
    List<String> lanes = browser.all(".trace-lane[data-service]").stream().map(e -> e.getAttribute("data-service")).toList();
    assertThat(lanes).containsExactly("api-gateway", "checkout", "payment-gateway");
    WebElement payment = browser.visible(".trace-lane[data-service='payment-gateway']");
    assertThat(payment.getAttribute("class")).contains("lane-has-errors");
    assertThat(payment.findElements(By.cssSelector(".trace-marker.marker-error"))).hasSize(1);
    assertThat(browser.all(".trace-marker.marker-error")).hasSize(1);
    assertThat(browser.visible(".trace-facts").getText()).contains("3 services", "6 events", "1 error", "2.02 s long");
    assertThat(browser.visible(".trace-gap-label").getText()).isEqualTo("gap 2.00 s");
    assertThat(browser.visible(".trace-gap-row").getText()).contains("2.00 s");
    assertThat(payment.findElement(By.cssSelector(".lane-facts")).getText()).contains("2 events", "1 error", "2.00 s");
    browser.screenshot("trace");
  }

  @Test
  void hoveringAMarkerShowsItsOffsetAndClickingItExpandsTheEvent(Browser browser) {
    browser.open("#/trace/" + TRACE_ID);
    WebElement error = browser.visible(".trace-marker.marker-error");
    new Actions(browser.driver()).moveToElement(error).perform();
    assertThat(error.getAttribute("title")).startsWith("+2.01 s · ERROR · card declined");
    error.click();
    WebElement detail = browser.visible(".trace-event.expanded + .event-detail");
    assertThat(detail.getText()).contains("card declined: insufficient funds", TRACE_ID, "payment-gateway");
    assertThat(browser.visible(".trace-event.expanded").getText()).contains("+2.01 s", "ERROR", "payment-gateway");
    browser.present(".trace-event.expanded + .event-detail [data-action='open-trace']"); // shown on hover
  }

  @Test
  void anEventRowExpandsAndFilteringForAFieldOpensSearch(Browser browser) {
    browser.open("#/trace/" + TRACE_ID);
    browser.visibleWithText(".trace-event", "placing order 1234").click();
    WebElement filter = browser.present(".event-detail tr[data-field='service'] [data-action='filter-for']");
    browser.script("arguments[0].click()", filter); // the action shows on hover; click it as the keyboard would
    browser.waitUntil("search with the clause", d -> Api.route(browser).startsWith("/search?q=service:checkout"));
  }

  @Test
  void withoutAnIdListsRecentTracesWithErrorsAndOpensOne(Browser browser) throws Exception {
    browser.open("#/trace");
    browser.visible("[data-focus-key='/'].trace-id-input");
    WebElement first = browser.visible(".recent-traces-table tbody tr");
    String traceId = first.getAttribute("data-trace-id");
    long servicesWithErrors = Long.parseLong(first.findElements(By.tagName("td")).get(1).getText());
    assertThat(servicesWithErrors).as("the demo's worst trace has errors in several services").isGreaterThan(1);
    browser.screenshot("trace-start");
    first.findElement(By.tagName("a")).click();
    browser.waitUntil("the trace to open", d -> Api.route(browser).equals("/trace/" + traceId));
    browser.visible(".trace-timeline");
    assertThat(browser.all(".trace-lane.lane-has-errors")).hasSize((int) servicesWithErrors);
  }

  @Test
  void typingAnIdOpensIt(Browser browser) {
    browser.open("#/trace");
    WebElement input = browser.visible(".trace-id-input");
    input.sendKeys(TRACE_ID + "\n");
    browser.visible(".trace-lane[data-service='checkout']");
  }

  @Test
  void anUnknownIdSaysSo(Browser browser) {
    browser.open("#/trace/no-such-trace-0000");
    assertThat(browser.visible(".trace-empty").getText()).contains("No events with trace_id or request_id no-such-trace-0000");
  }
}
