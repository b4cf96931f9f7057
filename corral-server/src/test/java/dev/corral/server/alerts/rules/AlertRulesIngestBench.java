package dev.corral.server.alerts.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.Await;
import dev.corral.server.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * On demand, not in the build: the acknowledged ingest rate of the same events into a server with no
 * alert rules and into one evaluating 200 threshold rules (every 2 s over 5 minutes, the production
 * service on the real clock), and what the rules' evaluations cost meanwhile. Prints the figures;
 * asserts only that every event was taken and every rule evaluated. Run:
 *
 * <pre>./mvnw -q -B -pl corral-server -am test -Dtest=AlertRulesIngestBench -Dsurefire.failIfNoSpecifiedTests=false
 *     -Dcorral.bench=true [-Dcorral.bench.events=400000] [-Dcorral.bench.rules=200]</pre>
 */
@EnabledIfSystemProperty(named = "corral.bench", matches = "true")
class AlertRulesIngestBench {
  private static final int BATCH = 5_000;
  private static final int SENDERS = 4;
  private static final String[] LEVELS = {"INFO", "INFO", "INFO", "WARN", "ERROR"};

  @TempDir
  Path withoutRules;
  @TempDir
  Path withRules;
  @TempDir
  Path withoutRulesAgain;

  @Test
  void ingestRateWithAndWithoutTwoHundredRules() throws Exception {
    int events = Integer.getInteger("corral.bench.events", 400_000);
    int ruleCount = Integer.getInteger("corral.bench.rules", 200);
    long seed = Long.getLong("corral.bench.seed", System.nanoTime());
    System.out.println("AlertRulesIngestBench seed=" + seed + " events=" + events + " rules=" + ruleCount);
    List<byte[]> bodies = bodies(events, new Random(seed));
    Map<String, String> settings = Map.of("ingest.max_pending_events", "10000000", "alerts.lag", "0",
        "alerts.reload_interval", "200ms");
    withoutRules(withoutRules, settings, bodies, events, "no rules (first run, JIT warming up)");
    Path alerts = Files.createDirectories(withRules.resolve("alerts"));
    for (int i = 0; i < ruleCount; i++) {
      Files.writeString(alerts.resolve("rule_" + i + ".yaml"), "name: rule_" + i + "\nquery: \"level:ERROR | stats"
          + " count() as errors by service\"\nevery: 2s\nwindow: 5m\ncondition: \"errors > " + i + "\"\n");
    }
    try (TestServer server = TestServer.start(withRules, settings)) {
      Await.until("rules loaded", () -> server.get("/api/v1/stats").json().path("alerts_rules").path("rules").asInt()
          == ruleCount);
      send(server, bodies.subList(0, 2));
      JsonNode before = server.get("/api/v1/stats").json().path("alerts_rules");
      long nanos = send(server, bodies);
      report(ruleCount + " threshold rules every 2s", nanos, events, server);
      JsonNode after = server.get("/api/v1/stats").json().path("alerts_rules");
      long evaluations = after.path("evaluations").asLong() - before.path("evaluations").asLong();
      long evalMillis = after.path("eval_ms").asLong() - before.path("eval_ms").asLong();
      System.out.printf("rule evaluations during ingest: %d (%.1f/s), %.1f ms each on average, errors %d%n",
          evaluations, evaluations / (nanos / 1e9), evaluations == 0 ? 0.0 : (double) evalMillis / evaluations,
          after.path("errors").asLong());
      assertThat(evaluations).isPositive();
    }
    withoutRules(withoutRulesAgain, settings, bodies, events, "no rules (again, warm)");
  }

  private static void withoutRules(Path data, Map<String, String> settings, List<byte[]> bodies, int events,
      String what) throws Exception {
    try (TestServer server = TestServer.start(data, settings)) {
      send(server, bodies.subList(0, 2));
      report(what, send(server, bodies), events, server);
    }
  }

  private static List<byte[]> bodies(int events, Random random) {
    List<byte[]> bodies = new ArrayList<>();
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < events; i++) {
      body.append("{\"timestamp\":\"").append(Instant.now()).append("\",\"service\":\"service-")
          .append(random.nextInt(20)).append("\",\"level\":\"").append(LEVELS[random.nextInt(LEVELS.length)])
          .append("\",\"message\":\"request ").append(random.nextInt(1_000_000)).append(" took ")
          .append(random.nextInt(2000)).append(" ms\",\"duration_ms\":").append(random.nextInt(2000)).append("}\n");
      if ((i + 1) % BATCH == 0) {
        bodies.add(body.toString().getBytes(StandardCharsets.UTF_8));
        body.setLength(0);
      }
    }
    return bodies;
  }

  private static long send(TestServer server, List<byte[]> bodies) throws Exception {
    ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
    long start = System.nanoTime();
    List<Future<Integer>> statuses = new ArrayList<>();
    for (byte[] body : bodies) {
      statuses.add(senders.submit(() -> server.post("/api/v1/ingest", body, "Content-Type", "application/x-ndjson")
          .status()));
    }
    for (Future<Integer> status : statuses) {
      assertThat(status.get()).isEqualTo(200);
    }
    long nanos = System.nanoTime() - start;
    senders.shutdown();
    return nanos;
  }

  private static void report(String what, long nanos, long events, TestServer server) {
    System.out.printf("%-32s %,d events in %.2f s: %,.0f events/s acknowledged%n", what, events, nanos / 1e9,
        events / (nanos / 1e9));
  }
}
