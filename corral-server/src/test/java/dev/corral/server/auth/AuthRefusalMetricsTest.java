package dev.corral.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each kind of refused request raises its own reason's count, and only that one, in {@code GET
 * /metrics} ({@code corral_auth_refusals_total{reason}}) and in {@code GET /api/v1/stats}
 * ({@code auth.refusals}).
 */
class AuthRefusalMetricsTest {
  private static final Pattern SAMPLE = Pattern.compile("corral_auth_refusals_total\\{reason=\"(\\w+)\"} ([0-9.]+)");
  @TempDir
  Path data;

  @Test
  void eachRefusedRequestRaisesItsReasonOnly() throws Exception {
    Instant past = Instant.parse("2020-01-01T00:00:00Z");
    String expired = ApiKeys.open(data, Clock.fixed(past, ZoneOffset.UTC))
        .create(new KeySpec("expired", Scope.READ, List.of(), null, past.plus(Duration.ofDays(1)))).key();
    ApiKeys keys = ApiKeys.open(data, Clock.systemUTC());
    String admin = keys.create(new KeySpec("ops", Scope.ADMIN, List.of(), null, null)).key();
    String ingest = keys.create(new KeySpec("shipper", Scope.INGEST, List.of(), null, null)).key();
    String revoked = keys.create(new KeySpec("gone", Scope.READ, List.of(), null, null)).key();
    keys.revoke(revoked.substring(0, revoked.indexOf(':')));
    Map<String, String> byReason = new LinkedHashMap<>();
    byReason.put("missing", null);
    byReason.put("malformed", "Negotiate abc");
    byReason.put("invalid", "Bearer nosuchid:" + "x".repeat(32));
    byReason.put("expired", "Bearer " + expired);
    byReason.put("revoked", "Bearer " + revoked);
    byReason.put("scope", "Bearer " + ingest);
    try (TestServer server = TestServer.start(data, Map.of("auth.mode", "keys"))) {
      for (Map.Entry<String, String> refused : byReason.entrySet()) {
        Map<String, Long> before = metrics(server, admin);
        int status = refused.getValue() == null ? server.get("/api/v1/stats").status()
            : server.send("GET", "/api/v1/stats", null, "Authorization", refused.getValue()).status();
        assertThat(status).as(refused.getKey()).isIn(401, 403);
        Map<String, Long> expected = new LinkedHashMap<>(before);
        expected.merge(refused.getKey(), 1L, Long::sum);
        assertThat(metrics(server, admin)).as(refused.getKey()).isEqualTo(expected);
      }
      JsonNode stats = server.send("GET", "/api/v1/stats", null, "Authorization", "Bearer " + admin).json()
          .path("auth").path("refusals");
      for (String reason : byReason.keySet()) {
        assertThat(stats.path(reason).asLong()).as(reason).isEqualTo(1);
      }
      assertThat(stats.path("busy").asLong()).isZero();
    }
  }

  /** The refusal counts by reason, from {@code /metrics}; every reason is there from start. */
  private static Map<String, Long> metrics(TestServer server, String admin) {
    Matcher samples = SAMPLE.matcher(server.send("GET", "/metrics", null, "Authorization", "Bearer " + admin).body());
    Map<String, Long> counts = new LinkedHashMap<>();
    while (samples.find()) {
      counts.put(samples.group(1), (long) Double.parseDouble(samples.group(2)));
    }
    assertThat(counts).containsOnlyKeys("missing", "malformed", "invalid", "expired", "revoked", "scope", "busy", "csrf",
        "throttled");
    return counts;
  }
}
