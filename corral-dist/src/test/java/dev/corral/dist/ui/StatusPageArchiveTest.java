package dev.corral.dist.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.server.archive.S3TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * The status page's archive part in a real browser, against a server archiving to a real s3proxy:
 * the fetch cache (bytes used of archive.cache_bytes, the days cached), the days {@code corral
 * restore} pinned with the hint how to release them, all following the server without a reload;
 * and, the store stopped, the archive's one-line error instead of a stack trace.
 */
class StatusPageArchiveTest {
  private static final String PREFIX = "ui";
  private static S3TestServer s3;
  private static DemoDataServer server;
  private static Browser browser;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    s3 = S3TestServer.start(Files.createTempDirectory("corral-ui-s3-"));
    Map<String, String> settings = new HashMap<>(s3.archiveSettings(PREFIX));
    settings.put("archive.after", "0");
    settings.put("archive.local_max_age", "1d");
    settings.put("archive.cache_bytes", "64MiB");
    server = DemoDataServer.startWith(settings);
    browser = Browser.start(server.url());
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (browser != null) {
        browser.close();
      }
      if (server != null) {
        server.close();
      }
    } finally {
      s3.close();
    }
  }

  @AfterEach
  void screenshot() {
    browser.screenshot(StatusPageArchiveTest.class.getSimpleName());
  }

  private static HttpResponse<String> send(String method, String path, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path)).header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void showsTheFetchCacheAndTheRestoredDaysWithHowToReleaseThemThenTheStoresErrorWhenItIsDown() throws Exception {
    String day = LocalDate.now(ZoneOffset.UTC).minusDays(10).toString();
    String lines = ("{\"timestamp\":\"" + day + "T08:00:00Z\",\"service\":\"archive-ui\",\"message\":\"old\"}\n").repeat(5);
    server.ingest(lines.getBytes(java.nio.charset.StandardCharsets.UTF_8), 5);
    server.ingestAndAwait("{\"timestamp\":\"" + day + "T09:00:00Z\",\"service\":\"archive-ui\",\"message\":\"last\"}");
    assertThat(send("POST", "/api/v1/admin/compact?day=" + day, "").statusCode()).isEqualTo(200);
    HttpResponse<String> pass = send("POST", "/api/v1/admin/archive/run", "");
    assertThat(pass.body()).as("archived and removed locally").contains("\"removed_locally\":[\"" + day + "\"]");

    browser.open("#/status");
    assertThat(browser.visible(".archive-cache-use").getText()).startsWith("Fetch cache: 0 B of 64.0 MiB (archive.cache_bytes)")
        .contains("0 days cached");
    assertThat(browser.all(".archive-pins")).as("nothing pinned yet").isEmpty();

    HttpResponse<String> restore = send("POST", "/api/v1/admin/archive/restore", "{\"from\":\"" + day + "\",\"to\":\"" + day + "\"}");
    assertThat(restore.statusCode()).as(restore.body()).isEqualTo(200);

    WebElement pinned = browser.visible(".archive-pinned li[data-day='" + day + "']");
    assertThat(pinned.getText()).isEqualTo(day + " · in the cache");
    browser.waitUntil("the cache line to count the restored day",
        d -> browser.visible(".archive-cache-use").getText().contains("1 day cached"));
    assertThat(browser.visible(".archive-cache-use").getText()).matches("Fetch cache: [\\d.]+ KiB of 64.0 MiB .*");
    assertThat(browser.visible(".archive-cached-days").getText()).isEqualTo("Cached: " + day);
    assertThat(browser.visible(".archive-release-hint").getText())
        .contains("corral restore --release --from " + day + " --to " + day).contains("--release --all");

    assertThat(send("DELETE", "/api/v1/admin/archive/restore?all=true", "").statusCode()).isEqualTo(200);
    browser.waitUntil("the released pin to leave the page", d -> browser.all(".archive-pins").isEmpty());
    assertThat(browser.visible(".archive-cached-days").getText()).as("released, still cached").isEqualTo("Cached: " + day);

    s3.stop();
    assertThat(send("POST", "/api/v1/admin/archive/run", "").body()).contains("\"error\"");
    WebElement error = browser.visible(".archive-error");
    assertThat(error.getText()).contains("s3://").doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(browser.visible(".archive-section").getAttribute("data-archive-state")).isEqualTo("failing");
    browser.assertCleanConsoleAndLocalRequests();
  }
}
