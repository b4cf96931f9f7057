package dev.corral.dist.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.corral.server.CorralServer;
import dev.corral.server.auth.ApiKeys;
import dev.corral.server.auth.KeySpec;
import dev.corral.server.auth.LocalUsers;
import dev.corral.server.auth.Role;
import dev.corral.server.auth.Scope;
import dev.corral.server.config.ConfigLoader;
import dev.corral.server.config.ServerConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Users of the web UI in the real browser, against one server with users and {@code auth.mode:
 * keys}: the UI opens on the sign-in dialog; a wrong password is refused there; once signed in the
 * UI's own calls change things (a dashboard saved and deleted, a silence created: each needs the
 * CSRF token the page sends); a page of another origin that makes the browser post to Corral with
 * the session cookie is refused — by the origin check when it is foreign, by the missing CSRF token
 * when it is even listed in {@code http.allowed_origins} — and changes nothing; signing out ends
 * the session on the server, so the cookie replayed is refused. The tests run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignInPageTest {
  private static final String PASSWORD = "correct horse battery";
  /** A form of another site posts this as text/plain: name + "=" + value reads as the JSON of a silence. */
  private static final String FORGED_NAME = "{\"matchers\":[{\"name\":\"service\",\"op\":\"=\",\"value\":\"forged\"}],"
      + "\"duration\":\"1h\",\"comment\":\"";
  private static Path data;
  private static CorralServer server;
  private static HttpServer foreign;
  private static HttpServer listed;
  private static Browser browser;
  private static String adminKey;
  private static String signedOutCookie;

  @BeforeAll
  static void start() throws Exception {
    foreign = attacker();
    listed = attacker();
    data = Files.createTempDirectory("corral-ui-signin-");
    LocalUsers.open(data, Clock.systemUTC()).add("eddie", Role.EDITOR, List.of(), PASSWORD);
    adminKey = ApiKeys.open(data, Clock.systemUTC()).create(new KeySpec("admin", Scope.ADMIN, List.of(), null, null))
        .key();
    Map<String, String> settings = new java.util.HashMap<>(Map.of("http.port", "0", "data.dir", data.toString(),
        "auth.mode", "keys", "http.allowed_origins", origin(listed), "storage.min_free_bytes", "0"));
    settings.putAll(Map.of("otlp.grpc_port", "-1", "syslog.udp_port", "-1", "syslog.tcp_port", "-1",
        "gelf.udp_port", "-1", "gelf.tcp_port", "-1", "fluent.port", "-1"));
    server = CorralServer.start(ServerConfig.from(ConfigLoader.load(null, Map.of(), settings)));
    browser = Browser.start(server.url());
  }

  @AfterAll
  static void stop() throws Exception {
    try (Browser b = browser; CorralServer s = server) {
      if (foreign != null) {
        foreign.stop(0);
      }
      if (listed != null) {
        listed.stop(0);
      }
    }
  }

  /** A page of another origin that, once loaded, makes the browser post a silence to Corral with its cookies. */
  private static HttpServer attacker() throws IOException {
    HttpServer page = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    page.createContext("/", exchange -> {
      String target = exchange.getRequestURI().getQuery();
      String html = "<!doctype html><html><body><form id=f method=POST enctype=text/plain action='" + target
          + "/api/v1/alerts/silences'><input type=hidden name='" + FORGED_NAME.replace("'", "&#39;")
          + "' value='\"}'></form><script>"
          + "fetch('" + target + "/api/v1/alerts/silences',{method:'POST',mode:'no-cors',credentials:'include',"
          + "headers:{'Content-Type':'text/plain'},body:'" + FORGED_NAME.replace("\"", "\\\"") + "fetched\"}'})"
          + ".finally(()=>document.getElementById('f').submit());</script></body></html>";
      byte[] body = html.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    page.start();
    return page;
  }

  private static String origin(HttpServer page) {
    return "http://127.0.0.1:" + page.getAddress().getPort();
  }

  private static String adminGet(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + path))
        .header("Authorization", "Bearer " + adminKey).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private static void signIn(String password) {
    WebElement user = browser.visible("dialog.sign-in .sign-in-user");
    user.clear();
    user.sendKeys("eddie");
    WebElement field = browser.visible("dialog.sign-in .sign-in-password");
    field.clear();
    field.sendKeys(password + Keys.ENTER);
  }

  @Test
  @Order(1)
  void theUiOpensOnTheSignInDialogAndAWrongPasswordIsRefusedThere() {
    browser.expectConsoleError("401");
    browser.driver().get(server.url() + "/");
    assertThat(browser.visible("dialog.sign-in").getText()).contains("Sign in to Corral", "Use an API key");
    assertThat(browser.all("#page > *")).as("nothing behind the dialog yet").isEmpty();
    signIn("not the password");
    browser.visibleWithText("dialog.sign-in .sign-in-problem", "unknown user or wrong password");
    browser.screenshot("sign-in-refused");

    signIn(PASSWORD);
    browser.waitUntil("the page to mount", d -> !browser.all("#page > *").isEmpty());
    assertThat(browser.visible("#sign-out").getText()).isEqualTo("Sign out (eddie)");
    assertThat(browser.script("return document.cookie")).as("the session cookie is HttpOnly")
        .asString().doesNotContain("corral_session");
    browser.assertCleanConsoleAndLocalRequests();
  }

  @Test
  @Order(2)
  void theUisOwnChangesCarryTheCsrfTokenAndSucceedAlsoAfterAReload() throws Exception {
    browser.call("/ui/lib/api.js", "putJson", "/api/v1/dashboards/team", Map.of("title", "Team board", "panels",
        List.of()));
    assertThat(adminGet("/api/v1/dashboards/team")).contains("Team board");
    browser.reload(); // a new page fetches its session's token (GET /api/v1/auth/session)
    browser.call("/ui/lib/api.js", "postJson", "/api/v1/alerts/silences", Map.of("matchers",
        List.of(Map.of("name", "service", "op", "=", "value", "checkout")), "duration", "1h", "comment", "deploy"));
    assertThat(adminGet("/api/v1/alerts/silences")).contains("checkout", "deploy");
    browser.call("/ui/lib/api.js", "del", "/api/v1/dashboards/team");
    assertThat(adminGet("/api/v1/dashboards/team")).contains("404");
    browser.assertCleanConsoleAndLocalRequests();
  }

  @Test
  @Order(3)
  void aPageOfAnotherOriginPostingWithTheCookieIsRefusedAndChangesNothing() throws Exception {
    assertThat(browser.driver().manage().getCookieNamed("corral_session")).as("signed in").isNotNull();
    browser.driver().get(origin(foreign) + "/?" + server.url());
    String refusedByOrigin = browser.waitUntil("Corral's answer to the forged form", d ->
        d.getCurrentUrl().startsWith(server.url()) ? d.findElement(By.tagName("body")).getText() : null);
    assertThat(refusedByOrigin).contains("\"status\":403", "allowed_origins");

    browser.driver().get(origin(listed) + "/?" + server.url());
    String refusedByToken = browser.waitUntil("Corral's answer to the forged form", d ->
        d.getCurrentUrl().startsWith(server.url()) ? d.findElement(By.tagName("body")).getText() : null);
    assertThat(refusedByToken).as("an allowed origin still has no CSRF token").contains("\"status\":403",
        "X-CSRF-Token");
    browser.screenshot("forged-post-refused");

    assertThat(adminGet("/api/v1/alerts/silences")).contains("checkout").doesNotContain("forged");
  }

  @Test
  @Order(4)
  void signingOutEndsTheSessionSoTheCookieReplayedIsRefused() throws Exception {
    browser.driver().get(server.url() + "/");
    browser.waitUntil("the page to mount", d -> !browser.all("#page > *").isEmpty());
    Cookie cookie = browser.driver().manage().getCookieNamed("corral_session");
    signedOutCookie = cookie.getName() + "=" + cookie.getValue();
    browser.visible("#sign-out").click();
    browser.visible("dialog.sign-in");
    int replayed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/stats"))
        .header("Cookie", signedOutCookie).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    assertThat(replayed).isEqualTo(401);
  }
}
