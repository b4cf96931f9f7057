package dev.corral.dist.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The shell around the pages: served at / with its WebJars from the server alone, the nav
 * marks the page in the URL, an unknown route falls back to Search, and the theme follows the
 * system until the user picks one, which is remembered across reloads; the page runs under a
 * Content-Security-Policy that refuses inline script and style, and a violation fails a test
 * (the browser logs it as a console error, which every UI test checks).
 */
@ExtendWith(CorralUiExtension.class)
class ShellTest {
  @Test
  void rootServesTheShellWithTheSearchPage(Browser browser) {
    browser.open("");
    assertThat(browser.visible("header.topbar nav a.active").getText()).isEqualTo("Search");
    assertThat(browser.driver().getTitle()).isEqualTo("Corral · Search");
    browser.visible("input.query-input");
    assertThat(browser.all("header nav a").stream().map(a -> a.getText()))
        .containsExactly("Search", "Live tail", "Traces", "Dashboard", "Alerts", "Pipelines", "Status");
    @SuppressWarnings("unchecked")
    List<String> scripts = (List<String>) browser.script(
        "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)");
    assertThat(scripts).contains("/ui/app.js", "/ui/style.css", "/webjars/chart.js/4.5.1/dist/chart.js");
  }

  @Test
  void unknownRouteFallsBackToSearch(Browser browser) {
    browser.open("#/no-such-page?q=level:ERROR");
    assertThat(browser.visible("input.query-input").getAttribute("value")).isEqualTo("level:ERROR");
    assertThat(browser.visible("header nav a.active").getText()).isEqualTo("Search");
  }

  @Test
  void navComesBackToTheLastSearch(Browser browser) {
    browser.expectConsoleError("/ui/pages/status.js"); // when built without the status page
    browser.open("#/search?q=level:ERROR&from=now-1h");
    browser.visible(".result-row");
    browser.visibleWithText("header nav a", "Status").click();
    browser.waitUntil("the status route", d -> browser.hash().equals("#/status"));
    browser.visibleWithText("header nav a", "Search").click();
    browser.waitUntil("the last search", d -> "level:ERROR".equals(browser.visible("input.query-input").getAttribute("value")));
    assertThat(browser.hashParam("from")).isEqualTo("now-1h");
  }

  @Test
  void themeFollowsTheSystemUntilChosenThenIsRemembered(Browser browser) {
    ChromeDriver chrome = (ChromeDriver) browser.driver();
    browser.open("");
    browser.script("localStorage.removeItem('corral.theme')");
    chrome.executeCdpCommand("Emulation.setEmulatedMedia",
        Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
    browser.reload();
    assertThat(theme(browser)).isEqualTo("dark");

    browser.visible("#theme-toggle").click();
    assertThat(theme(browser)).isEqualTo("light");
    String background = String.valueOf(browser.script("return getComputedStyle(document.body).backgroundColor"));
    browser.reload();
    assertThat(theme(browser)).as("the choice outlives a reload while the system says dark").isEqualTo("light");
    assertThat(browser.script("return getComputedStyle(document.body).backgroundColor")).isEqualTo(background);

    browser.visible("#theme-toggle").click();
    assertThat(theme(browser)).isEqualTo("dark");
    assertThat(browser.script("return getComputedStyle(document.body).backgroundColor")).isNotEqualTo(background);
    browser.visible(".result-row");
    browser.screenshot("search-dark");
    chrome.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
    browser.script("localStorage.removeItem('corral.theme')");
  }

  @Test
  void theUiRunsUnderAPolicyRefusingInlineScriptAndStyle(Browser browser, DemoDataServer server) throws Exception {
    HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + "/"))
        .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString()
        .matches("default-src 'self'; script-src 'self' 'sha256-[A-Za-z0-9+/=]+'; object-src 'none'; base-uri 'none'; "
            + "frame-ancestors 'none'");
    assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
    assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
    assertThat(page.body()).doesNotContain("<style").doesNotContain(" style=");

    browser.open("#/search");
    browser.visible("input.query-input");
    browser.script("""
        const s = document.createElement('script');
        s.textContent = 'window.inlineScriptRan = true';
        document.head.append(s);
        const probe = document.createElement('div');
        probe.id = 'csp-probe';
        probe.setAttribute('style', 'color: rgb(1, 2, 3)');
        document.body.append(probe);""");
    assertThat(browser.script("return window.inlineScriptRan === true")).isEqualTo(false);
    assertThat(browser.script("return getComputedStyle(document.getElementById('csp-probe')).color"))
        .isNotEqualTo("rgb(1, 2, 3)");
    List<String> refusals = browser.driver().manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage)
        .filter(message -> message.contains("Content Security Policy")).toList();
    assertThat(refusals).as("the violations reach the console the tests check").hasSizeGreaterThanOrEqualTo(2);
  }

  private static String theme(Browser browser) {
    return String.valueOf(browser.script("return document.documentElement.dataset.theme"));
  }
}
