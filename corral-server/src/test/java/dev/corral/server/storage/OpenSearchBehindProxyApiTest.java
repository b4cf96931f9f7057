package dev.corral.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.opensearch.node.NginxTlsProxy;
import dev.corral.opensearch.node.OpenSearchTestNode;
import dev.corral.server.TestServer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server on an OpenSearch cluster reached through a TLS-terminating, authenticating reverse
 * proxy (a real nginx before the real test node), configured only by the {@code store.opensearch.*}
 * settings a user writes: the https URL, the user and password, the CA file. With the right
 * password the API answers from the cluster; with a wrong one the stats, the health check and the
 * refused ingest say that authentication failed, and nothing the server answers carries the password.
 */
class OpenSearchBehindProxyApiTest {
  @RegisterExtension static final OpenSearchTestNode node = OpenSearchTestNode.shared();
  @RegisterExtension static final NginxTlsProxy proxy = new NginxTlsProxy(node);
  /** A safety net for a broken build, not a timing assertion: the wait ends when the stats say why. */
  private static final int GIVE_UP_POLLS = 600;

  @TempDir Path dataDir;

  private static Map<String, String> settings(String prefix, String password) {
    return Map.of("store.backend", "opensearch", "store.opensearch.urls", proxy.url().toString(),
        "store.opensearch.username", NginxTlsProxy.USERNAME, "store.opensearch.password", password,
        "store.opensearch.ca_file", proxy.caFile().toString(), "store.opensearch.index_prefix", prefix);
  }

  private static String event(Instant at, String service, int n) {
    return "{\"timestamp\":\"" + at + "\",\"service\":\"" + service + "\",\"message\":\"order " + n + " paid\"}\n";
  }

  @Test
  void theApiAnswersFromAClusterBehindATlsProxyWithCredentials() throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      lines.append(event(now.minusSeconds(i), i % 3 == 0 ? "checkout" : "payment", i));
    }
    try (TestServer server = TestServer.start(dataDir, settings("behind-proxy", NginxTlsProxy.PASSWORD))) {
      assertThat(server.ingest(lines.toString()).status()).isEqualTo(200);
      server.awaitTotal("*", 12);
      assertThat(server.search("* | stats count() by service | sort service").path("rows").toString())
          .isEqualTo("[[\"checkout\",4],[\"payment\",8]]");
      assertThat(server.search("\"order 7\"").path("events").get(0).toString()).contains("order 7 paid");
      JsonNode store = server.get("/api/v1/stats").json().path("store");
      assertThat(store.path("urls").toString()).contains(proxy.url().toString());
      assertThat(store.path("stopped").isNull()).isTrue();
    }
    assertThat(proxy.accessLog()).anyMatch(line -> line.contains("\"POST /_bulk HTTP/1.1\" 200"));
  }

  @Test
  void aWrongPasswordShowsInTheStatsAsAnAuthenticationFailureWithoutThePassword() throws Exception {
    String wrong = "wr0ng-" + NginxTlsProxy.PASSWORD;
    try (TestServer server = TestServer.start(dataDir, settings("wrong-password", wrong))) {
      JsonNode stats = server.get("/api/v1/stats").json();
      for (int poll = 0; poll < GIVE_UP_POLLS && stats.path("store").path("stopped").isNull(); poll++) {
        Thread.sleep(50);
        stats = server.get("/api/v1/stats").json();
      }
      assertThat(stats.path("store").path("stopped").asText()).contains(proxy.url() + " PUT /_index_template/wrong-password "
          + "answered 401").contains("authentication failed").contains("store.opensearch.password");
      assertThat(stats.path("dead_letters").isNull()).as("the cluster does not answer the count").isTrue();
      assertThat(stats.toString()).doesNotContain(wrong);
      assertThat(server.get("/health").body()).as("degraded, and why").contains("401").doesNotContain(wrong);
      TestServer.Reply refused = server.ingest(event(Instant.now(), "checkout", 1));
      assertThat(refused.status()).as("ingest refused while the store cannot write").isEqualTo(503);
      assertThat(refused.body()).contains("401").doesNotContain(wrong);
      TestServer.Reply search = server.get("/api/v1/search?q=service:checkout");
      assertThat(search.status()).as("a search the cluster refuses: unavailable, not an internal error").isEqualTo(503);
      assertThat(search.body()).contains("the store cannot answer now: OpenSearch answered 401")
          .contains("authentication failed").contains("store.opensearch.password").doesNotContain(wrong);
    }
  }
}
