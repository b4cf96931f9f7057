package dev.corral.pipeline.parse;

import static dev.corral.pipeline.parse.Definitions.build;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.demo.AccessLogLines;
import dev.corral.demo.geo.DemoGeoDatabases;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorException;
import dev.corral.pipeline.processors.BuiltInProcessors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A quick one-thread measurement, not a benchmark suite: grok COMBINEDAPACHELOG, then date on its
 * timestamp, then user_agent on the agent, then geoip on the client address, over generated real-looking Apache access lines.
 * Prints lines/s and MiB/s; asserts only that every line was parsed. Off in the normal build; run
 * with {@code ./mvnw -q -B -pl corral-pipeline -am test -Dtest=ParsersThroughputTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dcorral.perf=true}.
 */
@EnabledIfSystemProperty(named = "corral.perf", matches = "true")
class ParsersThroughputTest {
  private static final int LINES = 200_000;
  private static final int WARM_UP_LINES = 50_000;

  @TempDir Path directory;

  /** Real-looking Apache combined-log lines. */
  static List<String> apacheLines(long seed, int count) {
    return AccessLogLines.combined(seed, count);
  }

  @Test
  void grokUserAgentGeoipOnApacheLines() throws Exception {
    long seed = System.nanoTime();
    System.out.println("seed=" + seed);
    DemoGeoDatabases.writeInto(directory);
    List<Processor> pipeline = List.of(
        build(GrokFactory.FACTORY, "field", "message", "patterns", "%{COMBINEDAPACHELOG}"),
        build(BuiltInProcessors.factories().get("date"), "field", "timestamp", "formats", List.of("dd/MMM/yyyy:HH:mm:ss Z")),
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
    System.out.printf("parsers-throughput share grok=%.0f%% date=%.0f%% user_agent=%.0f%% geoip=%.0f%%%n",
        share(counts, 0), share(counts, 1), share(counts, 2), share(counts, 3));
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
        assertThat(document.get("timestamp")).as("date sets the event time, in nanoseconds").isInstanceOf(Long.class);
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
