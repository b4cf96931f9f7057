package dev.corral.server.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.server.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
 * On demand, not in the build: the end-to-end ingest rate (acknowledged, i.e. durable) of raw nginx
 * lines through {@code /api/v1/ingest/raw?pipeline=nginx} against the same events as NDJSON through
 * {@code /api/v1/ingest} without a pipeline. Prints the figures; asserts only that every event was
 * taken. Run:
 *
 * <pre>./mvnw -q -B -pl corral-server -am test -Dtest=PipelineIngestBench -Dsurefire.failIfNoSpecifiedTests=false
 *     -Dcorral.bench=true [-Dcorral.bench.lines=200000]</pre>
 */
@EnabledIfSystemProperty(named = "corral.bench", matches = "true")
class PipelineIngestBench {
  private static final int BATCH = 5_000;
  private static final int SENDERS = 4;
  private static final String[] AGENTS = {
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
      "curl/8.4.0"};
  private static final String[] PATHS = {"/api/orders?id=", "/static/app.js?v=", "/checkout/step/", "/health?probe="};
  private static final int[] STATUSES = {200, 200, 200, 200, 304, 404, 500, 502};

  @TempDir
  Path data;

  @Test
  void rawNginxLinesWithThePipelineAgainstNdjsonWithout() throws Exception {
    int lines = Integer.getInteger("corral.bench.lines", 200_000);
    long seed = Long.getLong("corral.bench.seed", System.nanoTime());
    System.out.println("PipelineIngestBench seed=" + seed + " lines=" + lines);
    List<String> raw = nginxLines(lines, new Random(seed));
    try (TestServer server = TestServer.start(data, Map.of("ingest.max_pending_events", "10000000"))) {
      assertThat(server.send("PUT", "/api/v1/pipelines/nginx", PipelineIngestTest.NGINX.replace("when: \"service:web\"\n", ""),
          "Content-Type", "application/yaml").status()).isEqualTo(200);
      List<byte[]> rawBodies = batches(raw, line -> line + "\n");
      List<byte[]> ndjsonBodies = batches(raw, line -> "{\"service\":\"web-json\",\"message\":"
          + com.fasterxml.jackson.databind.node.TextNode.valueOf(line) + "}\n");
      report("warm-up raw+nginx", send(server, "/api/v1/ingest/raw?pipeline=nginx&service=warm", rawBodies.subList(0, 2)), 2L * BATCH, rawBodies.subList(0, 2));
      report("raw lines + nginx pipeline", send(server, "/api/v1/ingest/raw?pipeline=nginx&service=web", rawBodies), lines, rawBodies);
      report("NDJSON, no pipeline", send(server, "/api/v1/ingest?pipeline=_none", ndjsonBodies), lines, ndjsonBodies);
      System.out.println("pipeline stats: " + server.get("/api/v1/stats").json().path("pipelines").path("pipelines")
          .path("nginx").toString().substring(0, 400));
    }
  }

  private static long send(TestServer server, String path, List<byte[]> bodies) throws Exception {
    ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
    long start = System.nanoTime();
    List<Future<Integer>> statuses = new ArrayList<>();
    for (byte[] body : bodies) {
      statuses.add(senders.submit(() -> server.post(path, body, "Content-Type",
          path.contains("/raw") ? "text/plain" : "application/x-ndjson").status()));
    }
    for (Future<Integer> status : statuses) {
      assertThat(status.get()).isEqualTo(200);
    }
    long nanos = System.nanoTime() - start;
    senders.shutdown();
    return nanos;
  }

  private static void report(String what, long nanos, long events, List<byte[]> bodies) {
    long bytes = bodies.stream().mapToLong(body -> body.length).sum();
    double seconds = nanos / 1e9;
    System.out.printf("%-28s %,10d events in %6.2f s: %,10.0f events/s, %6.1f MiB/s of request bodies%n", what, events,
        seconds, events / seconds, bytes / seconds / (1 << 20));
  }

  private static List<byte[]> batches(List<String> lines, java.util.function.Function<String, String> format) {
    List<byte[]> bodies = new ArrayList<>();
    for (int from = 0; from < lines.size(); from += BATCH) {
      StringBuilder body = new StringBuilder();
      for (String line : lines.subList(from, Math.min(lines.size(), from + BATCH))) {
        body.append(format.apply(line));
      }
      bodies.add(body.toString().getBytes(StandardCharsets.UTF_8));
    }
    return bodies;
  }

  private static List<String> nginxLines(int count, Random random) {
    List<String> lines = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int second = i % 60;
      lines.add("10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256) + " - - [05/Dec/2026:"
          + String.format("%02d:%02d:%02d", 8 + i / 3600 % 8, i / 60 % 60, second) + " +0000] \"GET "
          + PATHS[random.nextInt(PATHS.length)] + random.nextInt(100_000) + " HTTP/1.1\" "
          + STATUSES[random.nextInt(STATUSES.length)] + " " + random.nextInt(50_000) + " \"-\" \""
          + AGENTS[random.nextInt(AGENTS.length)] + "\"");
    }
    return lines;
  }
}
