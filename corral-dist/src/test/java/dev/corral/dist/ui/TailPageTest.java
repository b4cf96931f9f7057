package dev.corral.dist.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Live tail in a real browser: events sent during the test appear, pause holds them back, a
 * highlight marks a term, a row expands, a bad filter is shown in place, and a flood far above the
 * display rate leaves the page responsive with a bounded DOM and the skipped count shown.
 */
@ExtendWith(CorralUiExtension.class)
class TailPageTest {
  /** Events of the flood: ten times what the server sends one tail per second. */
  private static final int FLOOD_EVENTS = 20_000;
  /** Lines per ingest request of the flood. */
  private static final int FLOOD_BATCH = 2_000;
  /** Row elements the page may hold for an 800-pixel window: the rows in view and a margin, never the buffer. */
  private static final int MAX_ROW_ELEMENTS = 80;

  @Test
  void receivesAnEventSentDuringTheTestAndPauseHoldsNewOnes(Browser browser, DemoDataServer server) throws Exception {
    String service = "tail-" + UUID.randomUUID().toString().substring(0, 8);
    browser.open("#/tail?q=service:" + service);
    awaitLive(browser);

    server.ingest(line(service, "INFO", "first event while watching").getBytes(StandardCharsets.UTF_8), 1);
    browser.visibleWithText(".tail-row", "first event while watching");

    browser.visible(".tail-pause").click();
    browser.waitUntil("paused", d -> "true".equals(page(browser).getAttribute("data-paused")));
    server.ingest(line(service, "WARN", "second event while paused").getBytes(StandardCharsets.UTF_8), 1);
    browser.waitUntil("the held count", d -> "1".equals(page(browser).getAttribute("data-held")));
    assertThat(browser.visible(".tail-held").getText()).contains("1 new held");
    assertThat(browser.all(".tail-row")).extracting(WebElement::getText).noneMatch(text -> text.contains("second event"));
    assertThat(browser.all(".tail-row")).hasSize(1);

    browser.visible(".tail-pause").click();
    browser.visibleWithText(".tail-row", "second event while paused");
    assertThat(browser.all(".tail-row")).hasSize(2);
  }

  @Test
  void highlightsATermAndExpandsARow(Browser browser, DemoDataServer server) throws Exception {
    String service = "tail-" + UUID.randomUUID().toString().substring(0, 8);
    browser.open("#/tail?q=service:" + service + "&hl=declined");
    awaitLive(browser);
    StringBuilder lines = new StringBuilder();
    String[][] events = {{"INFO", "POST /checkout 200 in 41 ms"}, {"DEBUG", "cart 1234 has 3 items"},
      {"WARN", "retrying payment call, attempt 2"}, {"ERROR", "card declined: insufficient funds"},
      {"INFO", "POST /checkout 402 in 2012 ms"}};
    for (String[] event : events) {
      lines.append(line(service, event[0], event[1])).append('\n');
    }
    server.ingest(lines.toString().getBytes(StandardCharsets.UTF_8), events.length);
    WebElement declined = browser.visibleWithText(".tail-row", "card declined");
    assertThat(declined.findElement(By.tagName("mark")).getText()).isEqualTo("declined");
    assertThat(declined.getAttribute("class")).contains("row-error");
    browser.screenshot("tail");

    declined.click();
    WebElement detail = browser.visible(".tail-detail .event-detail");
    assertThat(detail.getText()).contains("card declined: insufficient funds", service);
    WebElement highlight = browser.visible(".tail-highlight");
    highlight.clear();
    highlight.sendKeys("checkout");
    browser.waitUntil("the new highlight", d -> browser.all(".tail-row mark").size() == 2);
    assertThat(Api.routeParam(browser, "hl")).isEqualTo("checkout");
  }

  @Test
  void aBadFilterIsShownInPlace(Browser browser) {
    browser.expectConsoleError("400");
    browser.open("#/tail?q=level:(ERROR");
    WebElement error = browser.visible(".tail-message .error-box");
    assertThat(error.getText()).contains("Syntax error", "level:(ERROR");
    assertThat(page(browser).getAttribute("data-state")).isEqualTo("failed");

    WebElement input = browser.visible(".tail-query");
    input.sendKeys(")" + Keys.ENTER);
    awaitLive(browser);
    assertThat(browser.all(".tail-message .error-box")).isEmpty();
  }

  @Test
  void aFloodKeepsThePageResponsiveWithBoundedRowsAndTheSkippedCount(Browser browser, DemoDataServer server) throws Exception {
    String service = "flood-" + UUID.randomUUID().toString().substring(0, 8);
    browser.open("#/tail?q=service:" + service);
    awaitLive(browser);
    for (int sent = 0; sent < FLOOD_EVENTS; sent += FLOOD_BATCH) {
      StringBuilder batch = new StringBuilder(FLOOD_BATCH * 160);
      for (int i = 0; i < FLOOD_BATCH; i++) {
        batch.append(line(service, i % 50 == 0 ? "ERROR" : "INFO", "flood event " + (sent + i))).append('\n');
      }
      server.ingest(batch.toString().getBytes(StandardCharsets.UTF_8), FLOOD_BATCH);
    }
    browser.waitUntil("skipped events to be counted", d -> Long.parseLong(page(browser).getAttribute("data-skipped")) > 0);
    assertThat(browser.visible(".tail-skipped").getText()).contains("skipped");
    assertThat(browser.all(".tail-row").size()).isBetween(1, MAX_ROW_ELEMENTS);

    // Still responsive: scrolling up locks the view, a click pauses, a row expands.
    browser.script("const v = document.querySelector('.tail-viewport'); v.scrollTop = 0; v.dispatchEvent(new Event('scroll'));");
    browser.waitUntil("scroll-lock", d -> "off".equals(page(browser).getAttribute("data-follow")));
    browser.visible(".tail-follow");
    browser.visible(".tail-pause").click();
    browser.waitUntil("paused", d -> "true".equals(page(browser).getAttribute("data-paused")));
    browser.visible(".tail-row[data-index='0']").click();
    browser.visible(".tail-detail .event-detail");
    assertThat(browser.all(".tail-row").size()).isBetween(1, MAX_ROW_ELEMENTS);
    browser.screenshot("tail-flood");

    browser.visible(".tail-follow").click();
    browser.waitUntil("following again", d -> "on".equals(page(browser).getAttribute("data-follow")));
  }

  private static WebElement page(Browser browser) {
    return browser.present(".tail-page");
  }

  private static void awaitLive(Browser browser) {
    browser.waitUntil("the tail to be live", d -> "live".equals(page(browser).getAttribute("data-state")));
  }

  private static String line(String service, String level, String message) {
    return """
        {"timestamp":"%s","level":"%s","service":"%s","message":"%s"}""".formatted(Instant.now(), level, service, message);
  }
}
