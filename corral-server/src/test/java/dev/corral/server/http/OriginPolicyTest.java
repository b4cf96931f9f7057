package dev.corral.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.server.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Finding 9 of issue 12: a page on another site must not write to Corral (cross-site POST to
 * ingest, GELF, compaction), and a page reaching it through a rebound DNS name must not read it;
 * the web UI (same-origin fetches) and programs such as curl and shippers keep working.
 */
class OriginPolicyTest extends ServerPerTest {
  private static final String EVENT = "{\"service\":\"origin\",\"message\":\"hello\"}\n";
  private String host() {
    return "Host: 127.0.0.1:" + port();
  }

  @Test
  void programsWithoutBrowserHeadersWriteAsBefore() throws Exception {
    server = TestServer.start(data);
    String answer = RawHttp.post(port(), "/api/v1/ingest", EVENT, host());
    assertThat(RawHttp.status(answer)).as(answer).isEqualTo(200);
    assertThat(server.ingest(EVENT).status()).isEqualTo(200);
    server.awaitTotal("service:origin", 2);
  }

  @Test
  void theWebUiSameOriginFetchesWrite() throws Exception {
    server = TestServer.start(data);
    String origin = "http://127.0.0.1:" + port();
    String ingest = RawHttp.post(port(), "/api/v1/ingest", EVENT, host(), "Origin: " + origin,
        "Sec-Fetch-Site: same-origin", "Sec-Fetch-Mode: cors");
    assertThat(RawHttp.status(ingest)).as(ingest).isEqualTo(200);
    String viaLocalhost = RawHttp.post(port(), "/api/v1/ingest", EVENT, "Host: localhost:" + port(),
        "Origin: http://localhost:" + port(), "Sec-Fetch-Site: same-origin");
    assertThat(RawHttp.status(viaLocalhost)).as(viaLocalhost).isEqualTo(200);
    String page = RawHttp.get(port(), "/api/v1/search?q=*", host(), "Sec-Fetch-Site: same-origin", "Cookie: theme=dark");
    assertThat(RawHttp.status(page)).as(page).isEqualTo(200);
  }

  @Test
  void crossSiteWritesAreRefusedWithTheReason() throws Exception {
    server = TestServer.start(data);
    String ingest = RawHttp.post(port(), "/api/v1/ingest", EVENT, host(), "Origin: http://evil.example",
        "Sec-Fetch-Site: cross-site");
    assertThat(RawHttp.status(ingest)).as(ingest).isEqualTo(403);
    assertThat(RawHttp.body(ingest)).contains("\"status\":403").contains("http.allowed_origins");

    String gelf = RawHttp.post(port(), "/gelf", "{\"short_message\":\"x\",\"host\":\"h\"}", host(),
        "Origin: http://evil.example");
    assertThat(RawHttp.status(gelf)).as(gelf).isEqualTo(403);

    String compact = RawHttp.post(port(), "/api/v1/admin/compact", "", host(), "Sec-Fetch-Site: cross-site");
    assertThat(RawHttp.status(compact)).as(compact).isEqualTo(403);
    assertThat(RawHttp.body(compact)).contains("Sec-Fetch-Site");

    String sandboxed = RawHttp.post(port(), "/api/v1/ingest", EVENT, host(), "Origin: null");
    assertThat(RawHttp.status(sandboxed)).as(sandboxed).isEqualTo(403);

    String sameSiteOtherOrigin = RawHttp.post(port(), "/api/v1/ingest", EVENT, host(),
        "Origin: http://127.0.0.1:1", "Sec-Fetch-Site: same-site");
    assertThat(RawHttp.status(sameSiteOtherOrigin)).as(sameSiteOtherOrigin).isEqualTo(403);

    assertThat(server.search("service:origin").path("total").asLong()).isZero();
  }

  @Test
  void aListedOriginMayWriteAcrossSites() throws Exception {
    server = TestServer.start(data, Map.of("http.allowed_origins", "https://grafana.example.com, http://ops.example"));
    String listed = RawHttp.post(port(), "/api/v1/ingest", EVENT, host(), "Origin: https://grafana.example.com",
        "Sec-Fetch-Site: cross-site");
    assertThat(RawHttp.status(listed)).as(listed).isEqualTo(200);
    String other = RawHttp.post(port(), "/api/v1/ingest", EVENT, host(), "Origin: https://grafana.example.org");
    assertThat(RawHttp.status(other)).as(other).isEqualTo(403);
  }

  @Test
  void aReboundNameCannotReadALoopbackServer() throws Exception {
    server = TestServer.start(data);
    server.ingest(EVENT);
    String rebound = RawHttp.get(port(), "/api/v1/search?q=*", "Host: attacker.example:" + port());
    assertThat(RawHttp.status(rebound)).as(rebound).isEqualTo(403);
    assertThat(RawHttp.body(rebound)).contains("attacker.example").contains("http.allowed_hosts")
        .doesNotContain("hello");
    String reboundWrite = RawHttp.post(port(), "/api/v1/ingest", EVENT, "Host: attacker.example:" + port(),
        "Origin: http://attacker.example:" + port(), "Sec-Fetch-Site: same-origin");
    assertThat(RawHttp.status(reboundWrite)).as(reboundWrite).isEqualTo(403);

    for (String loopback : new String[] {"localhost:" + port(), "127.0.0.1:" + port(), "[::1]:" + port(), "localhost:9000"}) {
      String answer = RawHttp.get(port(), "/health", "Host: " + loopback);
      assertThat(RawHttp.status(answer)).as(loopback + ": " + answer).isEqualTo(200);
    }
  }

  @Test
  void anAllowedHostNameIsServed() throws Exception {
    server = TestServer.start(data, Map.of("http.allowed_hosts", "logs.internal"));
    String answer = RawHttp.get(port(), "/health", "Host: logs.internal:" + port(), "Sec-Fetch-Site: same-origin");
    assertThat(RawHttp.status(answer)).as(answer).isEqualTo(200);
    String unlisted = RawHttp.get(port(), "/health", "Host: logs.example:" + port());
    assertThat(RawHttp.status(unlisted)).as(unlisted).isEqualTo(403);
  }

  @Test
  void onAnOpenBindingShippersKeepTheirHostButBrowsersAreChecked() throws Exception {
    server = TestServer.start(data, Map.of("http.host", "0.0.0.0", "auth.mode", "none"));
    String shipper = RawHttp.post(port(), "/api/v1/ingest", EVENT, "Host: corral.logging.svc:" + port());
    assertThat(RawHttp.status(shipper)).as(shipper).isEqualTo(200);
    String byAddress = RawHttp.get(port(), "/api/v1/search?q=*", "Host: 10.1.2.3:" + port(),
        "Sec-Fetch-Site: same-origin");
    assertThat(RawHttp.status(byAddress)).as(byAddress).isEqualTo(200);
    String rebound = RawHttp.get(port(), "/api/v1/search?q=*", "Host: attacker.example:" + port(),
        "Sec-Fetch-Site: same-origin");
    assertThat(RawHttp.status(rebound)).as(rebound).isEqualTo(403);
    String withCookie = RawHttp.get(port(), "/api/v1/search?q=*", "Host: attacker.example:" + port(), "Cookie: a=b");
    assertThat(RawHttp.status(withCookie)).as(withCookie).isEqualTo(403);
  }
}
