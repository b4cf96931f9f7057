package dev.corral.dist.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The status page in a real browser: rates, WAL lag, disk, partitions with their sizes, and
 * figures that follow the server without a reload (a dead letter appears and links into Search).
 */
@ExtendWith(CorralUiExtension.class)
class StatusPageTest {
  @Test
  void showsRatesTheWalDiskAndPartitions(Browser browser, DemoDataServer server) throws Exception {
    browser.open("#/status");
    assertThat(browser.visible("[data-card='ingest-rate'] .card-value").getText()).endsWith("events/s");
    assertThat(browser.visible("[data-card='ingest-rate'] .card-detail").getText()).contains("since start");
    assertThat(browser.visible("[data-card='wal-lag'] .card-value").getText()).matches("\\d+(\\.\\d)? (B|KiB|MiB)");
    assertThat(browser.visible("[data-card='disk-use'] .card-detail").getText()).contains("free of");
    assertThat(number(browser.visible("[data-card='stored-events'] .card-value").getText())).isGreaterThanOrEqualTo(server.events());

    String today = LocalDate.now(ZoneOffset.UTC).toString();
    WebElement partition = browser.visible(".partitions-table tr[data-day='" + today + "']");
    assertThat(number(partition.findElements(By.tagName("td")).get(1).getText())).isPositive();
    assertThat(partition.findElements(By.tagName("td")).get(2).getText()).matches("[\\d.]+ (KiB|MiB|GiB)");
    assertThat(browser.visible(".status-body").getText()).contains("No socket inputs are listening");
    browser.screenshot("status");
  }

  @Test
  void followsTheServerWithoutAReloadAndLinksDeadLettersToSearch(Browser browser, DemoDataServer server) throws Exception {
    browser.open("#/status");
    long before = number(browser.visible("[data-card='dead-letters'] .card-value").getText());
    String line = "{\"timestamp\":\"" + Instant.now() + "\",\"service\":\"status-test\",\"message\":\"fine\"}\n{not json at all\n";
    HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/ingest"))
        .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(line)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(answer.body()).contains("\"rejected\":1");
    browser.waitUntil("the dead letter to be counted",
        d -> number(browser.visible("[data-card='dead-letters'] .card-value").getText()) == before + 1);
    assertThat(browser.visible("[data-card='dead-letters']").getAttribute("class")).contains("card-warning");
    browser.visible(".dead-letter-link").click();
    browser.waitUntil("search for dead letters", d -> Api.route(browser).startsWith("/search?q=logtype:dead_letter"));
  }

  /** The digits of a figure such as "36,012". */
  private static long number(String text) {
    return Long.parseLong(text.replaceAll("[^0-9]", ""));
  }
}
