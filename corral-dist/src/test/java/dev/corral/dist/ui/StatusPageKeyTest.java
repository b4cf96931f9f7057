package dev.corral.dist.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;

/**
 * The status page with access control on (real keys): after the key prompt it shows who the tab's
 * key is — its id, name and scope, and for a key restricted to some services, the filter its reads
 * are restricted to — from {@code GET /api/v1/auth/whoami}.
 */
class StatusPageKeyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static DemoDataServer server;
  private static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    server = DemoDataServer.startWithKeys();
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
  void showsTheKeyItsScopeAndTheServicesARestrictedKeyMayRead() throws Exception {
    JsonNode created = JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(server.url() + "/api/v1/admin/keys")).header("Authorization", "Bearer " + server.keys().admin())
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"payments team\", \"scope\": \"read\", "
            + "\"services\": [\"payment-*\", \"checkout\"]}")).build(), HttpResponse.BodyHandlers.ofString()).body());
    String key = created.path("key").asText();
    String id = created.path("id").asText();

    browser.expectConsoleError("401");
    browser.open("#/status");
    browser.visible("dialog.key-prompt .key-prompt-input").sendKeys(key + Keys.ENTER);
    String identity = browser.visible(".status-identity").getText();
    assertThat(identity).contains("Your key", id, "payments team", "read");
    assertThat(browser.visible(".status-identity .read-restriction").getText())
        .isEqualTo("service:payment-* OR service:checkout");
    browser.screenshot("status-restricted-key");

    browser.visible("#forget-key").click();
    browser.visible("dialog.key-prompt .key-prompt-input").sendKeys(server.keys().read() + Keys.ENTER);
    browser.waitUntil("the unrestricted key's identity", d -> browser.visible(".status-identity").getText()
        .contains("ui-test-read"));
    assertThat(browser.visible(".status-identity").getText()).contains("every service").doesNotContain("payment");
    assertThat(browser.all(".status-identity .read-restriction")).isEmpty();
  }
}
