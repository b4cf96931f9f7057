package dev.corral.server.recording;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recording rules end to end: rule files in the data directory, events ingested over HTTP, an
 * evaluation, and {@code /metrics} scraped and read strictly as a Prometheus scraper would.
 */
class RecordingRulesApiTest {
  /** A sample line: name, optional labels (quoted values with \\, \" and \n escaped), a value. */
  private static final Pattern SAMPLE = Pattern.compile(
      "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\",?)*})? (\\S+)");

  @TempDir
  Path data;

  @Test
  void aCounterCountsEachErrorOnceAcrossEvaluationsWithServicesAsLabels() throws Exception {
    writeRule("errors.yaml", """
        name: corral_log_errors_total
        type: counter
        query: "level:ERROR | stats count() by service"
        every: 1s
        window: 1m
        help: ERROR events by service
        """);
    try (TestServer server = TestServer.start(data, Map.of("recording.searchable_lag", "1s"))) {
      awaitRuns(server, "corral_log_errors_total", 1);
      assertThat(server.ingest("""
          {"service":"payment-gateway","level":"ERROR","message":"card declined"}
          {"service":"payment-gateway","level":"ERROR","message":"card declined"}
          {"service":"payment-gateway","level":"ERROR","message":"timeout"}
          {"service":"user-auth","level":"ERROR","message":"bad token"}
          {"service":"user-auth","level":"INFO","message":"login"}
          """).status()).isEqualTo(200);
      Map<String, Double> samples = awaitSample(server, "corral_log_errors_total{service=\"user-auth\"}", 1.0);
      assertThat(samples).containsEntry("# TYPE corral_log_errors_total counter", 0.0)
          .containsEntry("corral_log_errors_total{service=\"payment-gateway\"}", 3.0);

      assertThat(server.ingest("{\"service\":\"payment-gateway\",\"level\":\"ERROR\",\"message\":\"again\"}\n").status())
          .isEqualTo(200);
      awaitSample(server, "corral_log_errors_total{service=\"payment-gateway\"}", 4.0);
      long runs = rule(server, "corral_log_errors_total").path("runs").asLong();
      awaitRuns(server, "corral_log_errors_total", runs + 3);
      assertThat(scrape(server)).as("three more windows, each error still counted once")
          .containsEntry("corral_log_errors_total{service=\"payment-gateway\"}", 4.0)
          .containsEntry("corral_log_errors_total{service=\"user-auth\"}", 1.0)
          .containsEntry("corral_recording_evaluations_total{outcome=\"failed\",rule=\"corral_log_errors_total\"}", 0.0);
    }
  }

  @Test
  void aGaugeEscapesLabelValuesAndIsCappedWithANote() throws Exception {
    writeRule("notes.yaml", """
        name: corral_log_notes
        query: "* | stats count() by note"
        every: 1s
        window: 1h
        """);
    try (TestServer server = TestServer.start(data, Map.of("recording.searchable_lag", "0s",
        "recording.max_series_per_rule", "2"))) {
      assertThat(server.ingest("""
          {"service":"a","note":"say \\"hi\\" \\\\ bye\\nnext line","timestamp":"%1$s"}
          {"service":"a","note":"say \\"hi\\" \\\\ bye\\nnext line","timestamp":"%1$s"}
          {"service":"a","note":"say \\"hi\\" \\\\ bye\\nnext line","timestamp":"%1$s"}
          {"service":"a","note":"plain","timestamp":"%1$s"}
          {"service":"a","note":"plain","timestamp":"%1$s"}
          {"service":"a","note":"rare","timestamp":"%1$s"}
          """.formatted(java.time.Instant.now().minusSeconds(60))).status()).isEqualTo(200);
      server.awaitTotal("service:a", 6);
      Map<String, Double> samples = awaitSample(server, "corral_log_notes{note=\"plain\"}", 2.0);
      assertThat(samples).containsEntry("# TYPE corral_log_notes gauge", 0.0)
          .as("escaped as the text format says")
          .containsEntry("corral_log_notes{note=\"say \\\"hi\\\" \\\\ bye\\nnext line\"}", 3.0)
          .as("over the cap of 2: the lowest value is dropped").hasEntrySatisfying("corral_log_notes{note=\"plain\"}",
              value -> assertThat(value).isEqualTo(2.0));
      assertThat(samples.keySet().stream().filter(key -> key.startsWith("corral_log_notes{"))).hasSize(2);
      JsonNode rule = rule(server, "corral_log_notes");
      assertThat(rule.path("series").asInt()).isEqualTo(2);
      assertThat(rule.path("dropped_series").asInt()).isEqualTo(1);
      assertThat(rule.path("note").asText()).contains("1 series over the limit of 2")
          .contains("recording.max_series_per_rule");
    }
  }

  @Test
  void badRuleFilesAreListedWithTheirErrorsAndNewFilesLoadWithoutRestart() throws Exception {
    writeRule("bad-query.yaml", "name: broken\nquery: \"level:(ERROR | stats count()\"\nevery: 1s\n");
    writeRule("bad-every.yaml", "name: zero\nquery: \"* | stats count()\"\nevery: 0s\n");
    writeRule("dup-a.yaml", "name: twice\nquery: \"* | stats count()\"\nevery: 1s\n");
    writeRule("dup-b.yaml", "name: twice\nquery: \"* | stats count()\"\nevery: 1s\n");
    try (TestServer server = TestServer.start(data, Map.of("recording.reload_interval", "100ms"))) {
      JsonNode listing = server.get("/api/v1/recording").json();
      assertThat(listing.path("rules")).hasSize(1);
      assertThat(listing.path("rules").get(0).path("file").asText()).isEqualTo("dup-a.yaml");
      Map<String, String> refused = new HashMap<>();
      listing.path("refused").forEach(file -> refused.put(file.path("file").asText(), file.path("error").asText()));
      assertThat(refused).containsOnlyKeys("bad-query.yaml", "bad-every.yaml", "dup-b.yaml");
      assertThat(refused.get("bad-query.yaml")).contains("field 'query'").contains("level:(ERROR | stats count()\n")
          .contains("^");
      assertThat(refused.get("bad-every.yaml")).contains("field 'every'").contains("'0s' is outside 1s..1d");
      assertThat(refused.get("dup-b.yaml")).contains("'twice' is already the name of dup-a.yaml");

      writeRule("later.yaml", "name: corral_log_all\nquery: \"* | stats count()\"\nevery: 1s\n");
      JsonNode later = await(server, json -> json.path("rules").size() == 2);
      assertThat(later.path("rules").get(1).path("name").asText()).isEqualTo("corral_log_all");
      awaitRuns(server, "corral_log_all", 1);
      assertThat(scrape(server)).containsEntry("corral_log_all", 0.0);
    }
  }

  @Test
  void anAdminWritesAndDeletesRulesThroughTheApiAsTheSameFiles() throws Exception {
    try (TestServer server = TestServer.start(data)) {
      String rule = "name: corral_log_warnings\nquery: \"level:WARN | stats count() by service\"\nevery: 1s\n";
      TestServer.Reply put = server.send("PUT", "/api/v1/recording/corral_log_warnings", rule);
      assertThat(put.status()).as(put.body()).isEqualTo(200);
      assertThat(Files.readString(data.resolve("alerts/recording/corral_log_warnings.yaml"))).isEqualTo(rule);
      assertThat(rule(server, "corral_log_warnings").path("file").asText()).isEqualTo("corral_log_warnings.yaml");

      TestServer.Reply bad = server.send("PUT", "/api/v1/recording/corral_log_warnings",
          "name: corral_log_warnings\nquery: \"level:WARN | stats count( by service\"\nevery: 1s\n");
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.json().path("field").asText()).isEqualTo("query");
      assertThat(bad.json().path("error").asText()).contains("^");
      TestServer.Reply renamed = server.send("PUT", "/api/v1/recording/other_name", rule);
      assertThat(renamed.status()).isEqualTo(400);
      assertThat(renamed.json().path("error").asText()).contains("is not the name in the path ('other_name')");
      assertThat(Files.readString(data.resolve("alerts/recording/corral_log_warnings.yaml")))
          .as("a refused write changes nothing").isEqualTo(rule);

      assertThat(server.send("DELETE", "/api/v1/recording/corral_log_warnings", null).status()).isEqualTo(200);
      assertThat(data.resolve("alerts/recording/corral_log_warnings.yaml")).doesNotExist();
      assertThat(server.get("/api/v1/recording").json().path("rules")).isEmpty();
      assertThat(server.send("DELETE", "/api/v1/recording/corral_log_warnings", null).status()).isEqualTo(404);
    }
  }

  private void writeRule(String file, String text) throws Exception {
    Path directory = data.resolve("alerts").resolve("recording");
    Files.createDirectories(directory);
    Path temporary = directory.resolve("." + file);
    Files.writeString(temporary, text);
    Files.move(temporary, directory.resolve(file), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static JsonNode rule(TestServer server, String name) {
    for (JsonNode rule : server.get("/api/v1/recording").json().path("rules")) {
      if (rule.path("name").asText().equals(name)) {
        return rule;
      }
    }
    throw new AssertionError("no rule " + name);
  }

  private static void awaitRuns(TestServer server, String name, long runs) throws InterruptedException {
    await(server, json -> {
      for (JsonNode rule : json.path("rules")) {
        if (rule.path("name").asText().equals(name) && rule.path("runs").asLong() >= runs) {
          return true;
        }
      }
      return false;
    });
  }

  /** Polls the rules' listing until {@code done}; gives up after about 30 s, which only a loaded machine needs. */
  private static JsonNode await(TestServer server, Predicate<JsonNode> done) throws InterruptedException {
    JsonNode json = null;
    for (int attempt = 0; attempt < 300; attempt++) {
      json = server.get("/api/v1/recording").json();
      if (done.test(json)) {
        return json;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("recording rules never got there; last listing " + json);
  }

  private static Map<String, Double> awaitSample(TestServer server, String sample, double value)
      throws InterruptedException {
    Map<String, Double> samples = Map.of();
    for (int attempt = 0; attempt < 300; attempt++) {
      samples = scrape(server);
      if (Double.valueOf(value).equals(samples.get(sample))) {
        return samples;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(sample + " never reached " + value + "; last scrape " + samples + "; rules "
        + server.get("/api/v1/recording").body());
  }

  /**
   * Scrapes {@code /metrics} and reads it strictly: every sample line parses and belongs to a family
   * announced by HELP and TYPE before it. Returns samples (name and labels as written) and types
   * (as {@code "# TYPE name type"} keys).
   */
  private static Map<String, Double> scrape(TestServer server) {
    TestServer.Reply reply = server.get("/metrics");
    assertThat(reply.status()).isEqualTo(200);
    Set<String> help = new HashSet<>();
    Map<String, Double> samples = new HashMap<>();
    for (String line : reply.body().split("\n")) {
      if (line.startsWith("# HELP ")) {
        help.add(line.split(" ")[2]);
      } else if (line.startsWith("# TYPE ")) {
        String[] parts = line.split(" ");
        assertThat(help).as("HELP before " + line).contains(parts[2]);
        samples.put("# TYPE " + parts[2] + " " + parts[3], 0.0);
      } else if (!line.isBlank()) {
        Matcher sample = SAMPLE.matcher(line);
        assertThat(sample.matches()).as("sample line '%s'", line).isTrue();
        samples.put(sample.group(1) + (sample.group(2) == null ? "" : sample.group(2)),
            Double.parseDouble(sample.group(3).replace("+Inf", "Infinity")));
      }
    }
    return samples;
  }
}
