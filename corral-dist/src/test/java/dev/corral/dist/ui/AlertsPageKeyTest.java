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
 * silence is made. A key restricted to some services may not read the alerts (they come from every
 * service's events): the dashboard's Firing alerts panel says so, and the other panels still draw.
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

  @Test
  void aKeyRestrictedToSomeServicesSeesANoteInTheFiringAlertsPanel() throws Exception {
    HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(server.url() + "/api/v1/admin/keys")).header("Authorization", "Bearer " + server.keys().admin())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"payments team\", \"scope\": \"read\", \"services\": [\"payment-*\"]}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    browser.expectConsoleError("401");
    browser.expectConsoleError("403");
    browser.open("#/dashboard/incident");
    browser.script("sessionStorage.clear()"); // not the read key of another test: this one asks
    browser.reload();
    try {
      browser.visible("dialog.key-prompt .key-prompt-input").sendKeys(JSON.readTree(created.body()).path("key").asText() + Keys.ENTER);
      WebElement note = browser.visible(".dash-panel[data-panel-id='firing-alerts'][data-state='note'] .alerts-panel-note");
      assertThat(note.getText()).contains("This key may not read the alerts", "every service", "service:payment-*");
      browser.waitUntil("the other panels drawn", d -> browser.all(".dash-panel[data-state='ok']").size() == 4);
      assertThat(browser.all(".dash-panel[data-state='error']")).isEmpty();
      browser.screenshot("dashboard-alerts-restricted-key");
    } finally {
      browser.script("sessionStorage.clear()"); // the next test enters its own key
    }
  }
}
