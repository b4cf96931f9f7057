package dev.corral.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.server.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, browsers: a page at an origin listed in {@code http.allowed_origins} may read the API
 * across origins (CORS) and send an API key; every other origin gets no CORS header, so its
 * browser keeps the answers from it, and its writes stay refused.
 */
class CorsPolicyTest extends ServerPerTest {
  private static final String GRAFANA = "https://grafana.example.com";

  private String host() {
    return "Host: 127.0.0.1:" + port();
  }

  private void startWithGrafanaAllowed() throws Exception {
    server = TestServer.start(data, Map.of("http.allowed_origins", GRAFANA));
  }

  private String preflight(String origin, String method) throws Exception {
    return RawHttp.exchange(port(), "OPTIONS /api/v1/query HTTP/1.1\r\n" + host() + "\r\nOrigin: " + origin
        + "\r\nAccess-Control-Request-Method: " + method + "\r\nAccess-Control-Request-Headers: authorization, content-type");
  }

  @Test
  void aListedOriginsPreflightIsAnsweredWithMethodsHeadersAndMaxAge() throws Exception {
    startWithGrafanaAllowed();
    String answer = preflight(GRAFANA, "POST");
    assertThat(RawHttp.status(answer)).as(answer).isEqualTo(204);
    assertThat(RawHttp.header(answer, "Access-Control-Allow-Origin")).isEqualTo(GRAFANA);
    assertThat(RawHttp.header(answer, "Access-Control-Allow-Methods")).contains("POST", "GET", "PUT", "DELETE");
    assertThat(RawHttp.header(answer, "Access-Control-Allow-Headers")).contains("Authorization", "Content-Type");
    assertThat(RawHttp.header(answer, "Access-Control-Max-Age")).isEqualTo("600");
    assertThat(RawHttp.header(answer, "Access-Control-Allow-Credentials")).isNull();
    assertThat(RawHttp.header(answer, "Vary")).contains("Origin");
  }

  @Test
  void anUnlistedOriginsPreflightIsRefusedWithoutCorsHeaders() throws Exception {
    startWithGrafanaAllowed();
    String answer = preflight("https://evil.example", "POST");
    assertThat(RawHttp.status(answer)).as(answer).isEqualTo(403);
    assertThat(RawHttp.header(answer, "Access-Control-Allow-Origin")).isNull();
    assertThat(RawHttp.header(answer, "Access-Control-Allow-Methods")).isNull();
    assertThat(RawHttp.body(answer)).contains("\"status\":403").contains("evil.example").contains("http.allowed_origins");
  }

  @Test
  void aSimpleGetFromAListedOriginMayBeReadAndFromAnUnlistedOneNot() throws Exception {
    startWithGrafanaAllowed();
    String listed = RawHttp.get(port(), "/api/v1/search?q=*", host(), "Origin: " + GRAFANA, "Sec-Fetch-Site: cross-site");
    assertThat(RawHttp.status(listed)).as(listed).isEqualTo(200);
    assertThat(RawHttp.header(listed, "Access-Control-Allow-Origin")).isEqualTo(GRAFANA);
    assertThat(RawHttp.header(listed, "Access-Control-Expose-Headers")).contains("Retry-After", "WWW-Authenticate");
    assertThat(RawHttp.header(listed, "Vary")).contains("Origin");

    String unlisted = RawHttp.get(port(), "/api/v1/search?q=*", host(), "Origin: https://evil.example",
        "Sec-Fetch-Site: cross-site");
    assertThat(RawHttp.header(unlisted, "Access-Control-Allow-Origin")).isNull();
    assertThat(RawHttp.header(unlisted, "Vary")).contains("Origin");
    String write = RawHttp.post(port(), "/api/v1/ingest", "{\"message\":\"x\"}\n", host(), "Origin: https://evil.example");
    assertThat(RawHttp.status(write)).as(write).isEqualTo(403);
    assertThat(RawHttp.header(write, "Access-Control-Allow-Origin")).isNull();
  }

  @Test
  void theServersOwnOriginIsAllowedWithoutAnySetting() throws Exception {
    server = TestServer.start(data);
    String own = "http://127.0.0.1:" + port();
    String answer = preflight(own, "PUT");
    assertThat(RawHttp.status(answer)).as(answer).isEqualTo(204);
    assertThat(RawHttp.header(answer, "Access-Control-Allow-Origin")).isEqualTo(own);
  }

  @Test
  void aNullOriginIsNeverAllowedEvenWhenListed() throws Exception {
    server = TestServer.start(data, Map.of("http.allowed_origins", "null, " + GRAFANA));
    String answer = preflight("null", "POST");
    assertThat(RawHttp.status(answer)).as(answer).isEqualTo(403);
    assertThat(RawHttp.header(answer, "Access-Control-Allow-Origin")).isNull();
    String read = RawHttp.get(port(), "/api/v1/search?q=*", host(), "Origin: null");
    assertThat(RawHttp.header(read, "Access-Control-Allow-Origin")).isNull();
  }

  @Test
  void aVeryLongOriginGetsNoCorsHeadersAndAShortReason() throws Exception {
    startWithGrafanaAllowed();
    String huge = GRAFANA + "/" + "a".repeat(60_000);
    String answer = preflight(huge, "POST");
    assertThat(RawHttp.status(answer)).as(answer.substring(0, Math.min(500, answer.length()))).isEqualTo(403);
    assertThat(RawHttp.header(answer, "Access-Control-Allow-Origin")).isNull();
    assertThat(RawHttp.body(answer).length()).isLessThan(1_000);
    String read = RawHttp.get(port(), "/api/v1/search?q=*", host(), "Origin: " + huge);
    assertThat(RawHttp.status(read)).isEqualTo(200);
    assertThat(RawHttp.header(read, "Access-Control-Allow-Origin")).isNull();
  }
}
