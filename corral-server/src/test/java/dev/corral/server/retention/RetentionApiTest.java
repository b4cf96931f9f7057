package dev.corral.server.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention on a real server: passes run through {@code POST /api/v1/admin/retention/run}, never by
 * waiting for the timer; days are relative to today, the server's clock.
 */
class RetentionApiTest {
  private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

  @TempDir Path dir;

  /** {@code count} events of {@code daysAgo} days before today, of a level and service. */
  private static String events(int daysAgo, int count, String level, String service) {
    StringBuilder ndjson = new StringBuilder();
    LocalDate day = TODAY.minusDays(daysAgo);
    for (int i = 0; i < count; i++) {
      ndjson.append("{\"timestamp\":\"").append(day).append("T00:00:").append(String.format("%02d", i % 60))
          .append("Z\",\"level\":\"").append(level).append("\",\"service\":\"").append(service)
          .append("\",\"message\":\"event ").append(i).append(" of a retention test\"}\n");
    }
    return ndjson.toString();
  }

  private static void ingest(TestServer server, String ndjson) {
    assertThat(server.ingest(ndjson).status()).isEqualTo(200);
  }

  private static JsonNode run(TestServer server) {
    TestServer.Reply reply = server.post("/api/v1/admin/retention/run", new byte[0]);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().get("deletions");
  }

  private static TestServer.Reply put(TestServer server, String policy) {
    return server.send("PUT", "/api/v1/admin/retention", policy, "Content-Type", "application/json");
  }

  private static List<String> days(TestServer server) {
    List<String> days = new ArrayList<>();
    server.get("/api/v1/stats").json().get("partitions").forEach(p -> days.add(p.get("day").asText()));
    return days.stream().sorted().toList();
  }

  private static String ago(int days) {
    return TODAY.minusDays(days).toString();
  }

  @Test
  void dropsTheDaysPastMaxAgeKeepsTodayAndCountsAndListsEachDrop() throws Exception {
    try (TestServer server = TestServer.start(dir, Map.of("retention.max_age", "30d"))) {
      ingest(server, events(0, 10, "info", "checkout") + events(2, 20, "info", "checkout")
          + events(31, 30, "info", "checkout") + events(45, 40, "info", "checkout"));
      server.awaitTotal("*", 100);

      JsonNode deletions = run(server);

      assertThat(deletions).extracting(d -> d.get("action").asText() + " " + d.get("day").asText() + " "
          + d.get("events").asLong() + " " + d.get("reason").asText())
          .containsExactly("dropped " + ago(45) + " 40 max_age (30d)", "dropped " + ago(31) + " 30 max_age (30d)");
      assertThat(deletions.get(0).get("bytes").asLong()).isPositive();
      assertThat(days(server)).containsExactly(ago(2), ago(0));
      assertThat(server.search("*").get("total").asLong()).isEqualTo(30);
      assertThat(run(server)).as("a second pass finds nothing more").isEmpty();

      JsonNode stats = server.get("/api/v1/stats").json().get("retention");
      assertThat(stats.get("dropped_days").asLong()).isEqualTo(2);
      assertThat(stats.get("deleted_events").asLong()).isEqualTo(70);
      assertThat(stats.get("bytes_reclaimed").asLong()).isPositive();
      assertThat(stats.get("passes").asLong()).isEqualTo(2);
      assertThat(stats.get("errors").asLong()).isZero();
      assertThat(stats.get("last_run").asText()).isNotEmpty();
      assertThat(stats.get("next_run").asText()).isNotEmpty();
      assertThat(stats.get("keeps_everything").asBoolean()).isFalse();
      assertThat(stats.get("recent").get(0).get("summary").asText())
          .startsWith("dropped " + ago(31) + ": ").endsWith(" bytes, 30 events, by max_age (30d)");
      String metrics = server.get("/metrics").body();
      assertThat(metrics).contains("corral_retention_dropped_days_total 2.0").contains("corral_retention_deleted_events_total 70.0")
          .contains("corral_retention_failed_passes_total 0.0").contains("# TYPE corral_retention_reclaimed_bytes_total counter");
    }
    try (TestServer restarted = TestServer.start(dir)) {
      JsonNode stats = restarted.get("/api/v1/stats").json().get("retention");
      assertThat(stats.get("recent")).as("the deletions list survives a restart").hasSize(2);
      assertThat(stats.get("keeps_everything").asBoolean()).as("built-in default: keep forever").isTrue();
      assertThat(run(restarted)).isEmpty();
    }
  }

  @Test
  void theLiveDayIsNeverDroppedEvenWhenItIsTheOnlyDayOverMaxBytes() throws Exception {
    try (TestServer server = TestServer.start(dir, Map.of("retention.max_bytes", "1"))) {
      ingest(server, events(0, 50, "info", "checkout"));
      server.awaitTotal("*", 50);

      assertThat(run(server)).isEmpty();
      assertThat(days(server)).containsExactly(ago(0));
    }
  }

  @Test
  void overMaxBytesTheOldestDaysAreDroppedFirst() throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      for (int daysAgo : new int[] {5, 4, 3, 2}) {
        ingest(server, events(daysAgo, 200, "info", "checkout"));
      }
      ingest(server, events(0, 20, "info", "checkout"));
      server.awaitTotal("*", 820);
      assertThat(server.post("/api/v1/admin/compact?day=" + ago(5), new byte[0]).status()).isEqualTo(200);
      for (int daysAgo : new int[] {4, 3, 2}) { // warm days of one committed segment: their sizes stay put
        assertThat(server.post("/api/v1/admin/compact?day=" + ago(daysAgo), new byte[0]).status()).isEqualTo(200);
      }
      Map<String, Long> sizes = new java.util.HashMap<>();
      server.get("/api/v1/stats").json().get("partitions")
          .forEach(p -> sizes.put(p.get("day").asText(), p.get("size_bytes").asLong()));
      long maxBytes = sizes.get(ago(0)) + sizes.get(ago(2)) + sizes.get(ago(3)) + sizes.get(ago(4)) / 2;

      assertThat(put(server, "{\"max_bytes\": " + maxBytes + "}").status()).isEqualTo(200);
      JsonNode deletions = run(server);

      assertThat(deletions).extracting(d -> d.get("day").asText() + " " + d.get("reason").asText().startsWith("max_bytes"))
          .containsExactly(ago(5) + " true", ago(4) + " true");
      assertThat(days(server)).containsExactly(ago(3), ago(2), ago(0));

      JsonNode projection = server.get("/api/v1/stats").json().get("retention").get("projection");
      assertThat(projection.get("bytes_per_day").asLong()).as("the mean of the whole days of the last week")
          .isEqualTo((sizes.get(ago(3)) + sizes.get(ago(2))) / 2);
      assertThat(projection.get("retained_bytes").asLong()).as("max_bytes bounds what is kept").isEqualTo(maxBytes);
      assertThat(projection.get("fits").asBoolean()).isTrue();
      assertThat(projection.get("days_until_full").asDouble()).isPositive();
    }
  }

  @Test
  void aStreamRuleDeletesTheDebugEventsOfOldDaysWhileTheirErrorsStay() throws Exception {
    try (TestServer server = TestServer.start(dir, Map.of())) {
      ingest(server, events(1, 30, "debug", "checkout") + events(1, 5, "error", "checkout")
          + events(5, 300, "debug", "checkout") + events(5, 7, "error", "checkout"));
      server.awaitTotal("*", 342);
      assertThat(put(server, "{\"rules\": [{\"match\": \"level:DEBUG\", \"max_age\": \"3d\"}]}").status()).isEqualTo(200);

      JsonNode deletions = run(server);

      assertThat(deletions).extracting(d -> d.get("action").asText() + " " + d.get("day").asText() + " "
          + d.get("events").asLong() + " " + d.get("reason").asText())
          .containsExactly("deleted " + ago(5) + " 300 rule level:DEBUG (3d)");
      assertThat(server.search("level:DEBUG").get("total").asLong()).as("the recent day's DEBUG stays").isEqualTo(30);
      assertThat(server.search("level:ERROR").get("total").asLong()).isEqualTo(12);
      assertThat(days(server)).containsExactly(ago(5), ago(1));
      assertThat(run(server)).as("idempotent: nothing more to delete").isEmpty();
      JsonNode stats = server.get("/api/v1/stats").json().get("retention");
      assertThat(stats.get("deleted_events").asLong()).isEqualTo(300);
      assertThat(stats.get("dropped_days").asLong()).isZero();
      assertThat(stats.get("recent").get(0).get("summary").asText())
          .startsWith("deleted 300 events of " + ago(5) + " by rule level:DEBUG (3d)");
    }
  }

  @Test
  void theLongestMatchingRuleWinsAlsoOverMaxAge() throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      ingest(server, events(40, 10, "info", "payment-gateway") + events(40, 4, "debug", "payment-gateway")
          + events(40, 50, "info", "checkout") + events(5, 6, "debug", "payment-gateway")
          + events(5, 60, "debug", "checkout") + events(5, 8, "info", "checkout") + events(0, 1, "info", "checkout"));
      server.awaitTotal("*", 139);
      assertThat(put(server, """
          {"max_age": "30d", "rules": [{"match": "service:payment-gateway", "max_age": "400d"},
                                       {"match": "level:DEBUG", "max_age": "3d"}]}""").status()).isEqualTo(200);

      JsonNode deletions = run(server);

      assertThat(deletions).extracting(d -> d.get("day").asText() + " " + d.get("action").asText() + " "
          + d.get("events").asLong())
          .containsExactly(ago(40) + " deleted 50", ago(5) + " deleted 60");
      assertThat(deletions.get(0).get("reason").asText()).isEqualTo("max_age (30d), kept: service:payment-gateway (400d)");
      assertThat(days(server)).as("the day past max_age stays for the longer rule").containsExactly(ago(40), ago(5), ago(0));
      assertThat(server.search("service:payment-gateway").get("total").asLong())
          .as("payment events stay, their DEBUG ones too (400d beats 3d)").isEqualTo(20);
      assertThat(server.search("service:checkout").get("total").asLong()).isEqualTo(9);
      assertThat(run(server)).isEmpty();
    }
  }

  @Test
  void aRuleWhoseMatchDoesNotParseIsRefusedWithTheCaretAndNothingChanges() throws Exception {
    try (TestServer server = TestServer.start(dir, Map.of("retention.max_age", "30d"))) {
      TestServer.Reply refused = put(server, "{\"max_age\": \"7d\", \"rules\": [{\"match\": \"level:DEBUG\", "
          + "\"max_age\": \"3d\"}, {\"match\": \"service:(checkout\", \"max_age\": \"3d\"}]}");

      assertThat(refused.status()).isEqualTo(400);
      JsonNode error = refused.json();
      assertThat(error.toString()).contains("rules[1].match").contains("service:(checkout");
      assertThat(error.findValue("caret").asText()).as(error.toString()).isEqualTo("service:(checkout\n" + " ".repeat(8) + "^");
      assertThat(error.findValue("field").asText()).isEqualTo("rules[1].match");

      assertThat(put(server, "{\"max_age\": \"a week\"}").body()).contains("max_age").contains("a week");
      assertThat(put(server, "{\"max_bytes\": \"lots\"}").body()).contains("max_bytes").contains("lots");
      assertThat(put(server, "{\"rules\": [{\"match\": \"level:DEBUG\", \"max_age\": \"10m\"}]}").body())
          .contains("rules[0].max_age").contains("minimum");
      assertThat(put(server, "{\"maxage\": \"7d\"}").body()).contains("maxage").contains("unknown field");
      JsonNode policy = server.get("/api/v1/admin/retention").json();
      assertThat(policy.get("max_age").asText()).as("unchanged").isEqualTo("30d");
      assertThat(policy.get("rules")).isEmpty();
      assertThat(Files.exists(dir.resolve("retention.json"))).isFalse();
    }
  }

  @Test
  void aPolicySetThroughTheApiIsPersistedAndOverridesTheConfigurationAcrossRestarts() throws Exception {
    Map<String, String> yaml = Map.of("retention.max_age", "30d");
    try (TestServer server = TestServer.start(dir, yaml)) {
      JsonNode configured = server.get("/api/v1/admin/retention").json();
      assertThat(configured.get("max_age").asText()).isEqualTo("30d");
      assertThat(configured.get("sources").get("max_age").asText()).isEqualTo("command line");
      assertThat(configured.get("sources").get("max_bytes").asText()).isEqualTo("default");

      TestServer.Reply set = put(server, "{\"max_age\": \"90d\", \"max_bytes\": \"200GiB\", "
          + "\"rules\": [{\"match\": \"logtype:access\", \"max_age\": \"14d\"}]}");
      assertThat(set.status()).as(set.body()).isEqualTo(200);
    }
    JsonNode file = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("retention.json").toFile());
    assertThat(file.get("format_version").asInt()).isEqualTo(RetentionPolicyFile.FORMAT_VERSION);
    assertThat(file.get("policy").get("max_age").asText()).isEqualTo("90d");
    assertThat(file.get("updated_by").asText()).isEqualTo("local");

    try (TestServer restarted = TestServer.start(dir, yaml)) {
      JsonNode policy = restarted.get("/api/v1/admin/retention").json();
      assertThat(policy.get("max_age").asText()).isEqualTo("90d");
      assertThat(policy.get("max_bytes").asLong()).isEqualTo(200L << 30);
      assertThat(policy.get("rules").get(0).get("match").asText()).isEqualTo("logtype:access");
      assertThat(policy.get("sources").get("rules").asText()).startsWith("admin API (data/retention.json");
      assertThat(restarted.get("/api/v1/stats").json().get("retention").get("policy_source").asText())
          .isEqualTo("admin API");

      JsonNode reverted = restarted.send("DELETE", "/api/v1/admin/retention", null).json();
      assertThat(reverted.get("max_age").asText()).as("corral.yaml's again").isEqualTo("30d");
      assertThat(Files.exists(dir.resolve("retention.json"))).isFalse();
    }
  }

  @Test
  void fourHundredDaysAreHandledInOnePass() throws Exception {
    StringBuilder ndjson = new StringBuilder();
    for (int daysAgo = 0; daysAgo < 400; daysAgo++) {
      ndjson.append(events(daysAgo, 1, "info", "checkout"));
    }
    try (TestServer server = TestServer.start(dir, Map.of("retention.max_age", "30d"))) {
      ingest(server, ndjson.toString());
      server.awaitTotal("*", 400);

      JsonNode deletions = run(server);

      assertThat(deletions).hasSize(369); // days 31..399 ago: their day ended 30 days ago or more
      assertThat(StreamSupport.stream(deletions.spliterator(), false).map(d -> d.get("day").asText()))
          .first().isEqualTo(ago(399));
      assertThat(days(server)).hasSize(31).first().isEqualTo(ago(30));
      assertThat(server.search("*").get("total").asLong()).isEqualTo(31);
    }
  }
}
