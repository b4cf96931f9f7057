package dev.corral.server.alerts.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.Await;
import dev.corral.server.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule files: what loads, what is refused (with file, line and reason) without stopping the others,
 * reload without restart, and the API's writes going through the same validation.
 */
class RuleFilesTest {
  private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MINUTES);
  private static final String GOOD = """
      name: good
      query: "level:ERROR | stats count() as errors by service"
      every: 30s
      window: 2m
      condition: "errors > 5"
      """;

  @TempDir
  Path data;

  private static Map<String, JsonNode> byName(TestServer server) {
    Map<String, JsonNode> rules = new HashMap<>();
    for (JsonNode rule : server.get("/api/v1/alerts/rules").json().path("rules")) {
      rules.put(rule.path("file").asText(), rule);
    }
    return rules;
  }

  private static String errorOf(TestServer server, String file) {
    JsonNode rule = byName(server).get(file);
    assertThat(rule).as("listed: " + file).isNotNull();
    return rule.path("error").asText();
  }

  @Test
  void aBadFileIsReportedWithItsLineAndSkippedWhileTheOthersLoad() throws Exception {
    Path alerts = Files.createDirectories(data.resolve("alerts"));
    Files.writeString(alerts.resolve("channels.yaml"),
        "channels:\n  - name: oncall\n    type: webhook\n    url: \"http://127.0.0.1:9999/hook\"\n");
    Files.writeString(alerts.resolve("good.yaml"), GOOD);
    Files.writeString(alerts.resolve("paged.yaml"), GOOD.replace("name: good", "name: paged")
        + "labels: {severity: critical}\nchannels: [oncall]\n");
    Files.writeString(alerts.resolve("malformed.yaml"), "name: malformed\nquery: [unclosed\nevery: 30s\n");
    Files.writeString(alerts.resolve("unknown_key.yaml"), GOOD.replace("name: good", "name: unknown_key")
        + "severity: critical\n");
    Files.writeString(alerts.resolve("unknown_kind.yaml"), "name: unknown_kind\nkind: treshold\n" + GOOD.substring(
        GOOD.indexOf("query")));
    Files.writeString(alerts.resolve("bad_query.yaml"), GOOD.replace("name: good", "name: bad_query")
        .replace("stats count() as errors", "stats cnt() as errors"));
    Files.writeString(alerts.resolve("bad_condition.yaml"), GOOD.replace("name: good", "name: bad_condition")
        .replace("errors > 5", "errors >"));
    Files.writeString(alerts.resolve("zero_window.yaml"), GOOD.replace("name: good", "name: zero_window")
        .replace("window: 2m", "window: 0s"));
    Files.writeString(alerts.resolve("negative_every.yaml"), GOOD.replace("name: good", "name: negative_every")
        .replace("every: 30s", "every: -30s"));
    Files.writeString(alerts.resolve("unknown_channel.yaml"), GOOD.replace("name: good", "name: unknown_channel")
        + "channels: [pager]\n");
    Files.writeString(alerts.resolve("zz_duplicate.yaml"), GOOD);
    Files.writeString(alerts.resolve("bad_settings.yaml"), "name: bad_settings\nkind: trace\nquery: \"level:ERROR\"\n"
        + "every: 1m\nwindow: 5m\nsettings: {min_service: 2}\n");
    Files.createDirectories(alerts.resolve("silences")).resolve("not_a_rule.yaml").toFile().createNewFile();

    try (TestServer server = RulesServer.start(data, T0).server) {
      Map<String, JsonNode> rules = byName(server);
      assertThat(rules.keySet()).containsExactlyInAnyOrder("good.yaml", "paged.yaml", "malformed.yaml",
          "unknown_key.yaml", "unknown_kind.yaml", "bad_query.yaml", "bad_condition.yaml", "zero_window.yaml",
          "negative_every.yaml", "unknown_channel.yaml", "zz_duplicate.yaml", "bad_settings.yaml");
      assertThat(rules.get("good.yaml").path("error").isNull()).isTrue();
      assertThat(rules.get("good.yaml").path("rule").path("kind").asText()).isEqualTo("threshold");
      assertThat(rules.get("paged.yaml").path("rule").path("channels").get(0).asText()).isEqualTo("oncall");
      assertThat(errorOf(server, "malformed.yaml")).startsWith("malformed.yaml line 3: malformed YAML");
      assertThat(errorOf(server, "unknown_key.yaml")).startsWith("unknown_key.yaml line 6: unknown key 'severity'");
      assertThat(errorOf(server, "unknown_kind.yaml")).startsWith("unknown_kind.yaml line 2: unknown rule kind 'treshold'");
      assertThat(errorOf(server, "bad_query.yaml")).startsWith("bad_query.yaml line 2: query does not parse")
          .contains("\nlevel:ERROR | stats cnt() as errors by service\n").endsWith("^");
      assertThat(errorOf(server, "bad_condition.yaml")).startsWith("bad_condition.yaml line 5: condition does not parse")
          .contains("\nwhere errors >\n");
      assertThat(errorOf(server, "zero_window.yaml")).isEqualTo("zero_window.yaml line 4: 'window' is 0s; it must be above zero");
      assertThat(errorOf(server, "negative_every.yaml")).isEqualTo(
          "negative_every.yaml line 3: 'every' is -30s; it must be above zero");
      assertThat(errorOf(server, "unknown_channel.yaml")).isEqualTo(
          "unknown_channel.yaml line 6: unknown channel 'pager'; channels.yaml defines oncall");
      assertThat(errorOf(server, "zz_duplicate.yaml")).contains("rule name 'good' is already defined by good.yaml");
      assertThat(errorOf(server, "bad_settings.yaml")).startsWith("bad_settings.yaml line 6: unknown setting 'min_service'");

      JsonNode stats = server.get("/api/v1/stats").json().path("alerts_rules");
      assertThat(stats.path("rules").asInt()).isEqualTo(2);
      assertThat(stats.path("failing_files")).hasSize(10);
    }
  }

  @Test
  void aFileChangedOrRemovedByHandIsReloadedWithoutRestart() throws Exception {
    try (RulesServer rules = RulesServer.start(data, T0)) {
      rules.write("good.yaml", GOOD);
      rules.awaitLoaded("good");
      rules.write("good.yaml", GOOD.replace("errors > 5", "errors > 50") + "# changed\n");
      Await.until("the changed condition loaded", () -> rules.server.get("/api/v1/alerts/rules/good").json()
          .path("rule").path("condition").asText().equals("errors > 50"));
      rules.write("good.yaml", GOOD.replace("window: 2m", "window: -2m"));
      Await.until("the broken file reported", () -> !rules.server.get("/api/v1/alerts/rules/good").json()
          .path("error").isNull());
      Files.delete(rules.rules.resolve("good.yaml"));
      Await.until("the removed rule gone", () -> rules.server.get("/api/v1/alerts/rules/good").status() == 404);
    }
  }

  @Test
  void theApiWritesTheSameValidatedFileAndRefusesWhatAFileWouldNotLoad() throws Exception {
    try (RulesServer rules = RulesServer.start(data, T0)) {
      TestServer server = rules.server;
      TestServer.Reply bad = server.send("PUT", "/api/v1/alerts/rules/good", GOOD.replace("errors > 5", "errors >"),
          "Content-Type", "application/yaml");
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.body()).contains("rule 'good' line 5: condition does not parse");
      assertThat(Files.exists(rules.rules.resolve("good.yaml"))).isFalse();
      TestServer.Reply wrongName = server.send("PUT", "/api/v1/alerts/rules/other", GOOD);
      assertThat(wrongName.status()).isEqualTo(400);
      assertThat(wrongName.body()).contains("its name is 'good'");

      TestServer.Reply created = server.send("PUT", "/api/v1/alerts/rules/good", GOOD, "Content-Type", "application/yaml");
      assertThat(created.status()).isEqualTo(200);
      assertThat(created.json().path("definition").asText()).isEqualTo(GOOD);
      assertThat(Files.readString(rules.rules.resolve("good.yaml"))).isEqualTo(GOOD);
      rules.sink.awaitAt("good", T0);
      Await.until("the evaluation listed", () -> !server.get("/api/v1/alerts/rules").json().path("rules").get(0)
          .path("last_evaluation").isNull());
      JsonNode listed = server.get("/api/v1/alerts/rules").json().path("rules").get(0);
      assertThat(listed.path("last_evaluation").path("at").asText()).isEqualTo(T0.toString());
      assertThat(listed.path("last_evaluation").path("rows").asLong()).isZero();
      assertThat(listed.path("sparkline")).hasSize(1);

      assertThat(server.send("DELETE", "/api/v1/alerts/rules/good", null).status()).isEqualTo(204);
      assertThat(Files.exists(rules.rules.resolve("good.yaml"))).isFalse();
      assertThat(server.send("DELETE", "/api/v1/alerts/rules/good", null).status()).isEqualTo(404);
    }
  }

  @Test
  void thePreviewEvaluatesTheRuleOverTheLastDayAtBoundedSteps() throws Exception {
    try (RulesServer rules = RulesServer.start(data, T0)) {
      StringBuilder events = new StringBuilder();
      for (int i = 0; i < 6; i++) {
        events.append(RulesServer.event(T0.minus(Duration.ofHours(3)).plusSeconds(i), "payments", "ERROR", "x", ""));
      }
      rules.server.ingest(events.toString());
      rules.server.awaitTotal("*", 6);
      TestServer.Reply preview = rules.server.post("/api/v1/alerts/rules/_preview",
          GOOD.replace("window: 2m", "window: 10m").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertThat(preview.status()).isEqualTo(200);
      JsonNode json = preview.json();
      assertThat(json.path("step").asText()).isEqualTo("PT10M");
      assertThat(json.path("complete").asBoolean()).isTrue();
      assertThat(json.path("steps")).hasSize(RulePreview.MAX_STEPS);
      int satisfied = 0;
      for (JsonNode step : json.path("steps")) {
        if (step.path("groups").size() > 0) {
          satisfied++;
          assertThat(step.path("groups").get(0).path("group").path("service").asText()).isEqualTo("payments");
        }
      }
      assertThat(satisfied).isEqualTo(1); // one 10-minute step covers the burst
      assertThat(rules.server.post("/api/v1/alerts/rules/_preview", "name: x\nquery: \"a | stats\"\n".getBytes(
          java.nio.charset.StandardCharsets.UTF_8)).status()).isEqualTo(400);
    }
  }
}
