package dev.corral.dist.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The web UI against a server with access control on ({@code auth.mode: keys}, real keys; a
 * {@link RecordingProxy} in front of it records what the page sends): the first API call brings up the key prompt, the key entered is sent as
 * {@code Authorization: Bearer …} by every call — the live tail's stream included, never in a URL —
 * kept across navigations in the tab, and dropped by "Forget key"; a key whose scope is too small
 * shows "this key may not …" without asking again. The tests run in order: each starts from the
 * tab the previous one left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeyPromptPageTest {
  private static DemoDataServer server;
  private static RecordingProxy proxy;
  private static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    server = DemoDataServer.startWithKeys();
    proxy = RecordingProxy.start(server.url());
    browser = Browser.start(proxy.url());
  }

  @AfterAll
  static void stop() throws Exception {
    try (DemoDataServer s = server; RecordingProxy p = proxy; Browser b = browser) {
      // closed in reverse order
    }
  }

  @AfterEach
  void cleanConsole(TestInfo test) {
    browser.screenshot("KeyPromptPageTest-" + test.getTestMethod().orElseThrow().getName());
    browser.assertCleanConsoleAndLocalRequests();
  }

  @Test
  @Order(1)
  void theFirstApiCallAsksForAKeyAndTheSearchRunsWithIt() {
    browser.expectConsoleError("401");
    browser.open("#/search?q=*");
    WebElement prompt = browser.visible("dialog.key-prompt");
    assertThat(prompt.getText()).contains("API key needed", "an API key is required");
    assertThat(browser.present("#forget-key").isDisplayed()).isFalse();

    enterKey("test:wrong");
    browser.waitUntil("the prompt to say the key was refused",
        d -> browser.visible("dialog.key-prompt .key-prompt-reason").getText().contains("The key was refused"));
    browser.screenshot("key-prompt");
    enterKey(server.keys().read());

    browser.waitUntil("result rows", d -> !browser.all(".result-row").isEmpty());
    assertThat(browser.all("dialog.key-prompt")).isEmpty();
    assertThat(browser.visible("#forget-key").getText()).isEqualTo("Forget key");
    assertThat(proxy.seen()).extracting(RecordingProxy.Seen::authorization)
        .containsNull().contains("Bearer test:wrong", "Bearer " + server.keys().read());
  }

  @Test
  @Order(2)
  void theTailStreamsAndReconnectsWithTheKeyInTheHeaderAndNeverInTheUrl() throws Exception {
    int before = proxy.seen().size();
    String service = "tailed-" + UUID.randomUUID().toString().substring(0, 8);
    browser.open("#/tail?q=service:" + service);
    browser.waitUntil("the tail to be live", d -> "live".equals(browser.present(".tail-page").getAttribute("data-state")));
    assertThat(browser.all("dialog.key-prompt")).as("the key is kept across navigation in the tab").isEmpty();

    server.ingest(("{\"timestamp\":\"" + Instant.now() + "\",\"level\":\"WARN\",\"service\":\"" + service
        + "\",\"message\":\"streamed through the key check\"}\n").getBytes(StandardCharsets.UTF_8), 1);
    browser.visibleWithText(".tail-row", "streamed through the key check");

    int tailsBeforeDrop = tailRequests(before).size();
    proxy.dropStreams(); // the connection drops: the page reconnects, with the key again
    browser.waitUntil("a reconnected tail", d -> tailRequests(before).size() > tailsBeforeDrop
        && "live".equals(browser.present(".tail-page").getAttribute("data-state")));
    server.ingest(("{\"timestamp\":\"" + Instant.now() + "\",\"level\":\"INFO\",\"service\":\"" + service
        + "\",\"message\":\"after the reconnection\"}\n").getBytes(StandardCharsets.UTF_8), 1);
    browser.visibleWithText(".tail-row", "after the reconnection");

    List<RecordingProxy.Seen> tails = tailRequests(before);
    assertThat(tails).isNotEmpty().allSatisfy(seen -> {
      assertThat(seen.authorization()).isEqualTo("Bearer " + server.keys().read());
      assertThat(seen.pathAndQuery()).doesNotContain(server.keys().read()).doesNotContain(java.net.URLEncoder.encode(server.keys().read(), java.nio.charset.StandardCharsets.UTF_8));
    });
  }

  @Test
  @Order(3)
  void everyPageWorksWithTheKeptKeyAfterAReload() {
    int before = proxy.seen().size();
    browser.open("#/status");
    browser.reload();
    browser.visible("[data-card='ingest-rate'] .card-value");
    browser.open("#/dashboard/incident");
    browser.visible(".dash-panel .chart");
    assertThat(browser.all("dialog.key-prompt")).isEmpty();
    assertThat(proxy.seen().subList(before, proxy.seen().size())).isNotEmpty()
        .allSatisfy(seen -> assertThat(seen.authorization()).isEqualTo("Bearer " + server.keys().read()));
  }

  @Test
  @Order(4)
  void forgetKeyDropsItAndTheNextCallAsksAgain() {
    browser.expectConsoleError("401");
    browser.open("#/search?q=*");
    browser.visible("#forget-key").click();
    browser.visible("dialog.key-prompt");
    assertThat(browser.script("return sessionStorage.getItem('corral.apiKey')")).isNull();

    browser.visible("dialog.key-prompt .key-prompt-cancel").click();
    WebElement error = browser.visible(".error-box");
    assertThat(error.getAttribute("data-status")).isEqualTo("401");
    assertThat(error.getText()).contains("API key needed", "Reload the page");
    assertThat(browser.present("#forget-key").isDisplayed()).isFalse();

    int before = proxy.seen().size();
    browser.visibleWithText("header nav a", "Status").click(); // a page that polls: it must not bring the prompt back
    browser.waitUntil("the status page to be refused twice", d -> proxy.seen().size() >= before + 2
        && !browser.all(".error-box").isEmpty());
    assertThat(browser.all("dialog.key-prompt")).isEmpty();
  }

  @Test
  @Order(5)
  void aKeyWithTooSmallAScopeSaysWhatItMayNotDoWithoutAskingAgain() {
    browser.expectConsoleError("401");
    browser.expectConsoleError("403");
    browser.open("#/search?q=*");
    enterKey(server.keys().ingest());
    browser.waitUntil("the scope error", d -> browser.all(".error-box").stream()
        .anyMatch(box -> box.getText().contains("This key may not read /api/v1/") && box.getText().contains("scope ingest")));
    assertThat(browser.all("dialog.key-prompt")).isEmpty();
    browser.visible("#forget-key").click();
    browser.visible("dialog.key-prompt");
    enterKey(server.keys().read());
    browser.waitUntil("result rows", d -> !browser.all(".result-row").isEmpty());
  }

  private static List<RecordingProxy.Seen> tailRequests(int from) {
    List<RecordingProxy.Seen> all = proxy.seen();
    return all.subList(from, all.size()).stream().filter(seen -> seen.pathAndQuery().startsWith("/api/v1/tail")).toList();
  }

  private static void enterKey(String key) {
    WebElement input = browser.visible("dialog.key-prompt .key-prompt-input");
    input.clear();
    input.sendKeys(key + Keys.ENTER);
  }
}
