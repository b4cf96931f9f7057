package dev.corral.dist.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The status page in a real browser: rates, WAL lag, disk, heap, partitions with their sizes and
 * tiers, retention, and figures that follow the server without a reload (a dead letter appears and links into
 * Search; a compacted partition turns warm).
 */
@ExtendWith(CorralUiExtension.class)
class StatusPageTest {
  private static final ObjectMapper JSON = new ObjectMapper();

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
    assertThat(number(partition.findElement(By.className("partition-events")).getText())).isPositive();
    assertThat(partition.findElement(By.className("partition-size")).getText()).matches("[\\d.]+ (KiB|MiB|GiB)");
    assertThat(partition.findElement(By.cssSelector(".partition-tier .tier")).getText()).isIn("HOT", "WARM");
    assertThat(browser.visible("[data-card='heap'] .card-value").getText()).matches("[\\d.]+ (B|KiB|MiB|GiB)");
    assertThat(browser.visible("[data-card='heap'] .card-detail").getText()).containsPattern("of [\\d.]+ (MiB|GiB|TiB) max")
        .containsPattern("[\\d.]+ (B|KiB|MiB|GiB) used now");
    WebElement ndjson = browser.visible(".inputs-table tr[data-input='ndjson']");
    assertThat(ndjson.findElement(By.className("input-port")).getText()).isEqualTo("HTTP");
    List<WebElement> headers = browser.visible(".inputs-table thead").findElements(By.tagName("th"));
    int events = java.util.stream.IntStream.range(0, headers.size())
        .filter(i -> headers.get(i).getText().equalsIgnoreCase("events")).findFirst().orElseThrow();
    assertThat(number(ndjson.findElements(By.tagName("td")).get(events).getText())).as("ndjson events").isPositive();
    assertThat(browser.visible(".status-body").getText()).doesNotContain("syslog-tcp");
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

  @Test
  void aCompactedPartitionTurnsWarmWithoutAReload(Browser browser, DemoDataServer server) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    JsonNode stats = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/stats")).build(),
        HttpResponse.BodyHandlers.ofString()).body());
    String newest = stats.path("partitions").findValuesAsText("day").stream().max(String::compareTo).orElseThrow();
    browser.open("#/status");
    browser.visible(".partitions-table");
    assertThat(tierBadge(browser, newest)).isEqualTo("hot|tier tier-hot|hot: recent, written with the fast codec");

    HttpResponse<String> compacted = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/admin/compact?day=" + newest))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(compacted.statusCode()).as(compacted.body()).isEqualTo(200);
    assertThat(JSON.readTree(compacted.body()).path("compacted").get(0).path("tier").asText()).isEqualTo("warm");
    browser.waitUntil("the partition to show as warm", d -> tierBadge(browser, newest).startsWith("warm|"));
    assertThat(tierBadge(browser, newest)).isEqualTo("warm|tier tier-warm|warm: compacted into one best-compression segment");
  }

  /**
   * Retention on the page: with none set, the card and a notice warn; once a policy drops an old
   * day, the card shows the age limit and the day's drop is listed, without a reload.
   */
  @Test
  void warnsWhileNoRetentionIsSetAndListsWhatRetentionDropped(Browser browser, DemoDataServer server) throws Exception {
    browser.open("#/status");
    assertThat(browser.visible("[data-card='retention'] .card-value").getText()).isEqualTo("none");
    assertThat(browser.visible("[data-card='retention']").getAttribute("class")).contains("card-warning");
    assertThat(browser.visible(".retention-warning").getText()).contains("No retention is set").contains("retention.max_age");

    HttpClient http = HttpClient.newHttpClient();
    String old = LocalDate.now(ZoneOffset.UTC).minusDays(40).toString();
    String lines = ("{\"timestamp\":\"" + old + "T08:00:00Z\",\"service\":\"status-test\",\"message\":\"old\"}\n").repeat(3);
    assertThat(send(http, "POST", server.url() + "/api/v1/ingest", lines, "application/x-ndjson").statusCode()).isEqualTo(200);
    browser.waitUntil("the old day to be stored", d -> !browser.all(".partitions-table tr[data-day='" + old + "']").isEmpty());
    try {
      assertThat(send(http, "PUT", server.url() + "/api/v1/admin/retention", "{\"max_age\": \"30d\"}", "application/json")
          .statusCode()).isEqualTo(200);
      HttpResponse<String> run = send(http, "POST", server.url() + "/api/v1/admin/retention/run", "", "application/json");
      assertThat(run.body()).contains(old);

      WebElement dropped = browser.visible(".retention-recent li[data-day='" + old + "']");
      assertThat(dropped.getText()).matches("dropped " + old + ": [\\d.]+ (B|KiB|MiB), 3 events, by max_age \\(30d\\)");
      assertThat(browser.visible("[data-card='retention'] .card-value").getText()).isEqualTo("30d");
      assertThat(browser.visible("[data-card='retention']").getAttribute("class")).doesNotContain("card-warning");
      assertThat(browser.all(".retention-warning")).isEmpty();
      browser.screenshot("status-retention");
    } finally {
      send(http, "DELETE", server.url() + "/api/v1/admin/retention", "", "application/json");
    }
  }

  private static HttpResponse<String> send(HttpClient http, String method, String url, String body, String type)
      throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type)
        .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The tier badge of a partition's row as "text|classes|title", read in one step (the page
   * redraws its tables every few seconds, so an element found earlier may be gone).
   */
  private static String tierBadge(Browser browser, String day) {
    return String.valueOf(browser.script("""
        const badge = document.querySelector(`.partitions-table tr[data-day="${arguments[0]}"] .partition-tier .tier`);
        return badge ? [badge.textContent, badge.className, badge.title].join('|') : 'no badge';""", day));
  }

  /** The digits of a figure such as "36,012". */
  private static long number(String text) {
    return Long.parseLong(text.replaceAll("[^0-9]", ""));
  }
}
