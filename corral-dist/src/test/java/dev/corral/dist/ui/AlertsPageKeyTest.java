package dev.corral.dist.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The Alerts page with access control on (real keys): a read key sees the alerts, but creating a
 * silence is an admin write — the form shows the server's refusal in place and stays open, and no
 * silence is made.
 */
class AlertsPageKeyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static DemoDataServer server;
  private static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    Path alerts = Files.createTempDirectory("corral-ui-alerts-keys-");
    Files.writeString(alerts.resolve("demo_errors.yaml"), """
        name: demo_errors
        query: "level:ERROR | stats count() as errors"
        every: 1s
        window: 30m
        condition: "errors > 0"
        """);
    server = DemoDataServer.startWithKeys(Map.of("alerts.dir", alerts.toString(), "alerts.lag", "1s"));
    browser = Browser.start(server.url());
  }

  @AfterAll
  static void stop() throws Exception {
    try (DemoDataServer s = server; Browser b = browser) {
      // closed in reverse order
    }
  }

  @AfterEach
  void cleanConsole() {
    browser.assertCleanConsoleAndLocalRequests();
  }

  @Test
  void aReadKeyIsToldItMayNotCreateASilenceAndTheFormStaysOpen() throws Exception {
    browser.expectConsoleError("401");
    browser.expectConsoleError("403");
    browser.open("#/alerts");
    browser.visible("dialog.key-prompt .key-prompt-input").sendKeys(server.keys().read() + Keys.ENTER);
    WebElement instance = browser.waitUntil("demo_errors firing", d -> browser.all(
        ".alert-instance[data-rule='demo_errors'][data-state='firing']").stream().findFirst().orElse(null));
    instance.findElement(By.cssSelector(".alert-silence-button")).click();
    browser.visible(".silence-form .silence-create").click();

    WebElement refusal = browser.visible(".silence-form .error-box");
    assertThat(refusal.getAttribute("data-status")).isEqualTo("403");
    assertThat(refusal.getText()).contains("Not allowed", "This key may not change /api/v1/alerts/silences");
    browser.screenshot("alerts-silence-refused");
    assertThat(browser.all(".silence-form")).as("the form stays open to try again").hasSize(1);
    HttpResponse<String> silences = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(server.url() + "/api/v1/alerts/silences")).header("Authorization", "Bearer " + server.keys().admin())
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(JSON.readTree(silences.body()).path("silences")).isEmpty();
  }
}
