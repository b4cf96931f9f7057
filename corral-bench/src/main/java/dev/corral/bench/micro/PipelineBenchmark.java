package dev.corral.bench.micro;

import dev.corral.demo.AccessLogLines;
import dev.corral.demo.geo.DemoGeoDatabases;
import dev.corral.model.Fields;
import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.DocumentLimits;
import dev.corral.pipeline.definition.DefinitionReader;
import dev.corral.pipeline.engine.Pipeline;
import dev.corral.pipeline.engine.PipelineSet;
import dev.corral.pipeline.engine.ProcessorCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The parsing pipeline the issue names, on one raw Apache access line as {@code POST /api/v1/ingest/raw}
 * makes it an event: grok {@code %{COMBINEDAPACHELOG}}, date on its timestamp, user_agent on the agent and
 * geoip on the client address (a small City database written at set-up, see {@link DemoGeoDatabases}),
 * run by the server's own pipeline engine ({@link Pipeline#apply}), failures kept as the server keeps them.
 * One operation is one line, so ops/s is lines/s per thread; the {@code bytes} counter is the raw line bytes
 * parsed per second, to set beside Logstash's published ≈ 2.3 MiB/s per vCPU for regex parsing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PipelineBenchmark {
  /** Distinct lines cycled through (a power of two, for a mask): varied clients, paths and agents. */
  static final int SAMPLE = 1024;
  /** Fixed, so that every run parses the same lines. */
  private static final long SEED = 20_240_301L;
  /** The pipeline, as a user would write it in {@code data/pipelines/apache.yaml}. */
  static final String DEFINITION = """
      id: apache
      processors:
        - grok: {field: message, patterns: ["%{COMBINEDAPACHELOG}"]}
        - date: {field: timestamp, formats: ["dd/MMM/yyyy:HH:mm:ss Z"]}
        - user_agent: {field: agent}
        - geoip: {field: clientip, target_field: source.geo}
      """;

  /** Raw line bytes parsed, reported by JMH as a rate next to the lines/s. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class ParsedBytes {
    public long bytes;

    @Setup(org.openjdk.jmh.annotations.Level.Iteration)
    public void reset() {
      bytes = 0;
    }
  }

  private Path geoipDirectory;
  private Pipeline pipeline;
  private LogEvent[] events;
  private int[] sizes;
  private int next;

  @Setup(org.openjdk.jmh.annotations.Level.Trial)
  public void setUp() throws IOException, DefinitionException {
    geoipDirectory = DemoGeoDatabases.writeInto(Files.createTempDirectory("corral-bench-geoip"));
    pipeline = PipelineSet.build(List.of(DefinitionReader.readYaml(DEFINITION, "PipelineBenchmark")),
        ProcessorCatalog.standard(geoipDirectory), Instant.now()).get("apache").orElseThrow();
    List<String> lines = AccessLogLines.combined(SEED, SAMPLE);
    events = new LogEvent[SAMPLE];
    sizes = new int[SAMPLE];
    for (int i = 0; i < SAMPLE; i++) {
      events[i] = rawLine(lines.get(i));
      sizes[i] = lines.get(i).getBytes(StandardCharsets.UTF_8).length;
    }
  }

  @TearDown(org.openjdk.jmh.annotations.Level.Trial)
  public void tearDown() throws IOException {
    try (Stream<Path> files = Files.walk(geoipDirectory)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> {
        try {
          Files.delete(file);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  /** The event a raw line becomes before its pipeline runs: the line as {@code message}, a service. */
  static LogEvent rawLine(String line) {
    return new LogEvent(FleetSample.RECEIVED_AT_NANOS, Level.INFO, line, Fields.of(Map.of("service", "web")));
  }

  /** The pipeline under test, for tests. */
  Pipeline pipeline() {
    return pipeline;
  }

  /** The sample events, for tests. */
  List<LogEvent> events() {
    return List.of(events);
  }

  @Benchmark
  public Pipeline.Applied parse(ParsedBytes counter) {
    int index = next++ & (SAMPLE - 1);
    counter.bytes += sizes[index];
    return pipeline.apply(events[index], DocumentLimits.DEFAULTS);
  }
}
