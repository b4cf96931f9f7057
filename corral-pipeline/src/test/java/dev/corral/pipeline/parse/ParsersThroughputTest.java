package dev.corral.pipeline.parse;

import static dev.corral.pipeline.parse.Definitions.build;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A quick one-thread measurement, not a benchmark suite: grok COMBINEDAPACHELOG, then user_agent on
 * the agent, then geoip on the client address, over generated real-looking Apache access lines.
 * Prints lines/s and MiB/s; asserts only that every line was parsed. Off in the normal build; run
 * with {@code ./mvnw -q -B -pl corral-pipeline -am test -Dtest=ParsersThroughputTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dcorral.perf=true}.
 */
@EnabledIfSystemProperty(named = "corral.perf", matches = "true")
class ParsersThroughputTest {
  private static final int LINES = 200_000;
  private static final int WARM_UP_LINES = 50_000;

  private static final List<String> AGENTS = List.of(UserAgentTest.CHROME, UserAgentTest.FIREFOX, UserAgentTest.SAFARI_IOS,
      UserAgentTest.GOOGLEBOT, "curl/8.4.0", "python-requests/2.31.0",
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15",
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36");
  private static final List<String> PATHS = List.of("/", "/index.html", "/products/42", "/cart?id=%d", "/api/v1/orders/%d",
      "/static/app.%d.js", "/images/logo.png", "/search?q=boots&page=%d");

  @TempDir Path directory;

  static List<String> apacheLines(long seed, int count) {
    Random random = new Random(seed);
    List<String> lines = new ArrayList<>(count);
    String[] verbs = {"GET", "GET", "GET", "POST", "PUT", "DELETE"};
    int[] statuses = {200, 200, 200, 200, 301, 304, 404, 500};
    for (int i = 0; i < count; i++) {
      String client = switch (random.nextInt(4)) {
        case 0 -> "81.2.69." + random.nextInt(256);
        case 1 -> "175.16.199." + random.nextInt(256);
        case 2 -> "10.0." + random.nextInt(256) + "." + random.nextInt(256);
        default -> random.nextInt(224) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
      };
      String path = PATHS.get(random.nextInt(PATHS.size())).replace("%d", Integer.toString(random.nextInt(100_000)));
      lines.add(client + " - - [" + String.format("%02d", 1 + random.nextInt(28)) + "/Mar/2024:"
          + String.format("%02d:%02d:%02d", random.nextInt(24), random.nextInt(60), random.nextInt(60)) + " +0000] \""
          + verbs[random.nextInt(verbs.length)] + " " + path + " HTTP/1.1\" " + statuses[random.nextInt(statuses.length)] + " "
          + random.nextInt(50_000) + " \"https://shop.example.com/\" \"" + AGENTS.get(random.nextInt(AGENTS.size())) + "\"");
    }
    return lines;
  }

  @Test
  void grokUserAgentGeoipOnApacheLines() throws Exception {
    long seed = System.nanoTime();
    System.out.println("seed=" + seed);
    TestGeoDatabases.writeInto(directory);
    List<Processor> pipeline = List.of(
        build(GrokFactory.FACTORY, "field", "message", "patterns", "%{COMBINEDAPACHELOG}"),
        build(UserAgentFactory.FACTORY, "field", "agent"),
        build(new GeoIpFactory(directory), "field", "clientip", "target_field", "source.geo"));
    run(pipeline, apacheLines(seed, WARM_UP_LINES));
    List<String> lines = apacheLines(seed + 1, LINES);
    long bytes = lines.stream().mapToLong(line -> line.getBytes(StandardCharsets.UTF_8).length + 1L).sum();
    long start = System.nanoTime();
    Counts counts = run(pipeline, lines);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("parsers-throughput lines=%d bytes=%d seconds=%.2f lines_per_s=%.0f mib_per_s=%.2f located=%d failed=%d"
            + " (Logstash published: ~2.3 MiB/s per vCPU)%n",
        LINES, bytes, seconds, LINES / seconds, bytes / seconds / (1 << 20), counts.located(), counts.failed());
    System.out.printf("parsers-throughput share grok=%.0f%% user_agent=%.0f%% geoip=%.0f%%%n",
        share(counts, 0), share(counts, 1), share(counts, 2));
    assertThat(counts.located()).isPositive();
  }

  private static double share(Counts counts, int stage) {
    return 100.0 * counts.nanosPerStage()[stage] / Arrays.stream(counts.nanosPerStage()).sum();
  }

  private record Counts(int located, int failed, long[] nanosPerStage) {}

  /** Runs the lines through; a failure (a time budget overrun on a loaded host) is counted, as the pipeline would. */
  private static Counts run(List<Processor> pipeline, List<String> lines) {
    int located = 0;
    int failed = 0;
    long[] nanos = new long[pipeline.size()];
    for (String line : lines) {
      MapDocument document = MapDocument.of("message", line);
      try {
        for (int stage = 0; stage < pipeline.size(); stage++) {
          long start = System.nanoTime();
          pipeline.get(stage).process(document);
          nanos[stage] += System.nanoTime() - start;
        }
        assertThat(document.has("verb")).isTrue();
        if (document.has("source.geo.city_name")) {
          located++;
        }
      } catch (ProcessorException e) {
        failed++;
      }
    }
    return new Counts(located, failed, nanos);
  }
}
