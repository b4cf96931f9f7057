package dev.corral.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.server.TestServer;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, browsers: every answer carries headers that keep a browser from sniffing, framing or
 * leaking it; the UI's pages allow scripts only from the server (no inline script but the import
 * map, by its hash), the API's answers allow nothing to load.
 */
class SecurityHeadersTest extends ServerPerTest {
  private String host() {
    return "Host: 127.0.0.1:" + port();
  }

  @Test
  void theUiPageForbidsInlineScriptFramingAndSniffing() throws Exception {
    server = TestServer.start(data);
    String page = RawHttp.get(port(), "/", host(), "Accept: text/html");
    assertThat(RawHttp.status(page)).as(page).isEqualTo(200);
    String policy = RawHttp.header(page, "Content-Security-Policy");
    assertThat(policy).startsWith("default-src 'self'; script-src 'self'")
        .contains("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'")
        .doesNotContain("unsafe-inline", "unsafe-eval");
    assertThat(RawHttp.header(page, "X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(RawHttp.header(page, "Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(RawHttp.header(page, "X-Frame-Options")).isEqualTo("DENY");

    String module = RawHttp.get(port(), "/ui/app.js", host());
    assertThat(RawHttp.header(module, "Content-Security-Policy")).isEqualTo(
        "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
    assertThat(RawHttp.header(module, "X-Content-Type-Options")).isEqualTo("nosniff");
  }

  @Test
  void aPagesImportMapIsAllowedByItsHashAndNoOtherInlineScript() throws Exception {
    String importMap = "\n    {\"imports\": {\"chart.js\": \"/webjars/chart.js/4.5.1/dist/chart.js\"}}\n  ";
    String page = "<html><head><script type=\"importmap\">" + importMap + "</script>"
        + "<script>alert(1)</script><script type=\"module\" src=\"/ui/app.js\"></script></head></html>";
    String hash = java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
        .digest(importMap.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    String policy = ContentSecurityPolicy.forPage(page.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(policy).isEqualTo("default-src 'self'; script-src 'self' 'sha256-" + hash + "'; object-src 'none'; "
        + "base-uri 'none'; frame-ancestors 'none'");
    assertThat(policy.split("sha256-", -1)).as("one hash, the import map's").hasSize(2);
  }

  @Test
  void apiAnswersAndErrorsLetNothingLoad() throws Exception {
    server = TestServer.start(data);
    for (String target : new String[] {"/api/v1/search?q=*", "/health", "/no/such/thing", "/api/v1/search?q=a:("}) {
      String answer = RawHttp.get(port(), target, host());
      assertThat(RawHttp.header(answer, "Content-Security-Policy")).as(target)
          .isEqualTo("default-src 'none'; frame-ancestors 'none'");
      assertThat(RawHttp.header(answer, "X-Content-Type-Options")).as(target).isEqualTo("nosniff");
      assertThat(RawHttp.header(answer, "X-Frame-Options")).as(target).isEqualTo("DENY");
    }
    String malformed = RawHttp.exchange(port(), "GET /%zz HTTP/1.1\r\n" + host());
    assertThat(RawHttp.header(malformed, "X-Content-Type-Options")).as(malformed).isEqualTo("nosniff");
  }
}
