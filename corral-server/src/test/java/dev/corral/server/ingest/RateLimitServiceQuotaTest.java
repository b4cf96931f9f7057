package dev.corral.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import dev.corral.server.config.ConfigException;
import dev.corral.server.config.ConfigLoader;
import dev.corral.server.config.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-service ingest quotas against a real server: a noisy service gets 429 with Retry-After while
 * another service's requests pass; a request mixing both is refused whole; a flood of service names
 * keeps a bounded number of buckets. Tested by state (send until refused), never by timing.
 */
class RateLimitServiceQuotaTest {
  /** Requests sent at most to reach a quota of a few events: far more than a slow machine needs. */
  private static final int MAX_ATTEMPTS = 50;

  @TempDir
  Path data;

  private Path config(String yaml) throws Exception {
    Path file = data.resolveSibling(data.getFileName() + "-corral.yml");
    Files.writeString(file, yaml);
    return file;
  }

  private static String events(String service, String tag, int count) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < count; i++) {
      body.append("{\"message\":\"m").append(i).append("\",\"service\":\"").append(service).append("\",\"batch\":\"")
          .append(tag).append("\"}\n");
    }
    return body.toString();
  }

  @Test
  void aNoisyServiceHitsItsQuotaWhileAnotherServicePassesAndAMixedRequestIsRefusedWhole() throws Exception {
    Path yaml = config("""
        ingest:
          service_quotas:
            - service: "payment-*"
              events_per_second: 5
        """);
    try (TestServer server = TestServer.start(data, yaml, Map.of())) {
      int accepted = 0;
      TestServer.Reply refused = null;
      for (int i = 0; i < MAX_ATTEMPTS && refused == null; i++) {
        TestServer.Reply reply = server.ingest(events("payment-api", "p" + i, 5));
        if (reply.status() == 429) {
          refused = reply;
        } else {
          assertThat(reply.status()).as(reply.body()).isEqualTo(200);
          accepted++;
        }
      }
      assertThat(refused).isNotNull();
      assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 2);
      assertThat(refused.json().path("error").asText()).contains("service 'payment-api' may store 5 events/s");

      assertThat(server.ingest(events("checkout", "c", 50)).status()).as("another service is not limited")
          .isEqualTo(200);
      TestServer.Reply mixed = server.ingest(events("checkout", "mixed", 3) + events("payment-api", "mixed", 1));
      assertThat(mixed.status()).as("over payment-api's quota: refused whole").isEqualTo(429);

      server.awaitTotal("service:checkout", 50);
      server.awaitTotal("service:payment-api", accepted * 5L);
      assertThat(server.search("batch:mixed").path("total").asLong()).as("nothing of the mixed request").isZero();
      assertThat(server.search("batch:p" + accepted).path("total").asLong()).isZero();

      JsonNode stats = server.get("/api/v1/stats").json().path("rate_limits");
      assertThat(stats.path("limited_requests").path("service").asLong()).isEqualTo(2);
      assertThat(server.get("/metrics").body())
          .contains("corral_rate_limited_requests_total{kind=\"service\"} 2.0");
    }
  }

  @Test
  void manyDistinctServiceNamesKeepABoundedNumberOfBuckets() throws Exception {
    Path yaml = config("""
        ingest:
          service_quota_default: 1000
        """);
    int names = IngestRateLimits.MAX_TRACKED_SERVICES + 2_000;
    try (TestServer server = TestServer.start(data, yaml, Map.of())) {
      int perRequest = 4_000;
      for (int first = 0; first < names; first += perRequest) {
        StringBuilder body = new StringBuilder();
        for (int i = first; i < Math.min(names, first + perRequest); i++) {
          body.append("{\"message\":\"m\",\"service\":\"svc-").append(i).append("\"}\n");
        }
        assertThat(server.ingest(body.toString()).status()).isEqualTo(200);
      }
      JsonNode buckets = server.get("/api/v1/stats").json().path("rate_limits").path("buckets");
      assertThat(buckets.path("service").asInt()).as("the least recently used forgotten")
          .isEqualTo(IngestRateLimits.MAX_TRACKED_SERVICES);
      assertThat(server.ingest(events("svc-0", "again", 1000)).status())
          .as("a forgotten service starts over with a full bucket").isEqualTo(200);
    }
  }

  @Test
  void aBadQuotaIsAOneLineConfigErrorNamingTheEntry() throws Exception {
    Path yaml = config("""
        ingest:
          service_quotas:
            - service: "payment-*"
              events_per_second: 5
            - service: "checkout"
              events_per_secnd: 5
        """);
    assertThatThrownBy(() -> ServerConfig.from(ConfigLoader.load(yaml, Map.of(), Map.of())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ingest.service_quotas[1]").hasMessageContaining("unknown field 'events_per_secnd'");
    Path negative = config("""
        ingest:
          service_quotas:
            - {service: "a", events_per_second: -5}
        """);
    assertThatThrownBy(() -> ServerConfig.from(ConfigLoader.load(negative, Map.of(), Map.of())))
        .hasMessageContaining("ingest.service_quotas[0]").hasMessageContaining("-5");
  }
}
