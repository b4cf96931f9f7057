package dev.corral.server.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.model.Fields;
import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.pipeline.DocumentLimits;
import dev.corral.pipeline.EventDocument;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorConfig;
import dev.corral.pipeline.definition.DefinitionReader;
import dev.corral.pipeline.definition.PipelineDefinition;
import dev.corral.pipeline.definition.ProcessorDefinition;
import dev.corral.pipeline.engine.Pipeline;
import dev.corral.pipeline.engine.PipelineSet;
import dev.corral.pipeline.engine.ProcessorCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * On demand, not in the build: what per-processor accounting and the live preview's ring cost on the
 * ingest path, JMH-style (warm-up rounds, then the best of several measured rounds, printed; asserts
 * only that the work was done). Cheap processors make the accounting's share as large as it gets.
 *
 * <ol>
 *   <li>a pipeline of eight cheap processors run as ingest runs it ({@link Pipeline#apply}, counting);
 *   <li>the same eight processors called directly on the same documents, without the engine;
 *   <li>the accounting alone, as the engine does it: per processor two clock reads, the time added and one
 *       outcome counted ({@link LongAdder}s);
 *   <li>the nginx access pipeline of the tests (grok, date, remove) on a real-looking line, for scale;
 *   <li>{@link RecentEvents#record} of one request's events (5,000 and 50 per request).
 * </ol>
 *
 * <pre>./mvnw -q -B -pl corral-server -am test -Dtest=ProcessorMetricsOverheadBench -Dsurefire.failIfNoSpecifiedTests=false
 *     -Dcorral.bench=true</pre>
 */
@EnabledIfSystemProperty(named = "corral.bench", matches = "true")
class ProcessorMetricsOverheadBench {
  private static final String DEFINITION = """
      id: cheap
      processors:
        - set: {field: event.kind, value: event}
        - lowercase: {field: verb}
        - uppercase: {field: host}
        - rename: {field: tmp, target_field: kept}
        - convert: {field: bytes, type: long}
        - trim: {field: user}
        - set: {field: event.category, value: web}
        - remove: {field: junk}
      """;
  private static final int EVENTS = 20_000;
  private static final int WARMUP_ROUNDS = 15;
  private static final int ROUNDS = 15;

  @Test
  void perProcessorAccountingAndThePreviewRing() throws Exception {
    PipelineDefinition definition = DefinitionReader.readYaml(DEFINITION, "bench");
    ProcessorCatalog catalog = ProcessorCatalog.builtIns();
    Pipeline pipeline = PipelineSet.build(List.of(definition), catalog, Instant.now()).get("cheap").orElseThrow();
    List<Processor> direct = new ArrayList<>();
    for (ProcessorDefinition processor : definition.processors()) {
      direct.add(catalog.factory(processor.type(), processor.where())
          .create(new ProcessorConfig(processor.where(), processor.options())));
    }
    List<LogEvent> events = new ArrayList<>(EVENTS);
    for (int i = 0; i < EVENTS; i++) {
      events.add(new LogEvent(i, Level.INFO, "GET /api/orders?id=" + i + " 200", Fields.of(Map.of("verb", "GET",
          "host", "web-" + (i % 7), "tmp", "x" + i, "bytes", String.valueOf(i), "user", "  ann  ", "junk", "y"))));
    }
    DocumentLimits limits = DocumentLimits.DEFAULTS;

    double engine = best(() -> {
      long kept = 0;
      for (LogEvent event : events) {
        kept += pipeline.apply(event, limits).event() != null ? 1 : 0;
      }
      return kept;
    });
    double bare = best(() -> {
      long kept = 0;
      for (LogEvent event : events) {
        EventDocument document = EventDocument.of(event, limits);
        for (Processor processor : direct) {
          processor.process(document);
        }
        kept += document.toEvent() != null ? 1 : 0;
      }
      return kept;
    });
    LongAdder out = new LongAdder();
    LongAdder nanos = new LongAdder();
    double accounting = best(() -> {
      for (int i = 0; i < EVENTS * direct.size(); i++) {
        long start = System.nanoTime();
        nanos.add(System.nanoTime() - start);
        out.increment();
      }
      return out.sum();
    });
    RecentEvents big = new RecentEvents(100);
    double ringBig = best(() -> {
      for (int from = 0; from < EVENTS; from += 5_000) {
        big.record("raw", events.subList(from, from + 5_000));
      }
      return big.inputs().get("raw")[0];
    });
    RecentEvents small = new RecentEvents(100);
    double ringSmall = best(() -> {
      for (int from = 0; from < EVENTS; from += 50) {
        small.record("raw", events.subList(from, from + 50));
      }
      return small.inputs().get("raw")[0];
    });
    Pipeline nginx = PipelineSet.build(List.of(DefinitionReader.readYaml(PipelineIngestTest.NGINX, "nginx")),
        ProcessorCatalog.standard(), Instant.now()).get("nginx").orElseThrow();
    LogEvent line = new LogEvent(0, Level.INFO, PipelineIngestTest.NGINX_LINE, Fields.of(Map.of("service", "web")));
    double nginxApply = best(() -> {
      long kept = 0;
      for (int i = 0; i < EVENTS; i++) {
        kept += nginx.apply(line, limits).event() != null ? 1 : 0;
      }
      return kept;
    });
    int steps = direct.size();
    System.out.printf("ProcessorMetricsOverheadBench, %d events, %d processors, best of %d rounds (ns per event):%n",
        EVENTS, steps, ROUNDS);
    System.out.printf("  pipeline.apply (engine, counting)      %8.1f%n", engine);
    System.out.printf("  processors called directly            %8.1f%n", bare);
    System.out.printf("  engine overhead (difference)          %8.1f  = %.1f%% of apply, %.1f ns per processor%n",
        engine - bare, 100 * (engine - bare) / engine, (engine - bare) / steps);
    System.out.printf("  accounting alone (%d processors)       %8.1f  = %.1f ns per processor%n", steps, accounting,
        accounting / steps);
    int nginxSteps = nginx.stats().processors().size();
    System.out.printf("  nginx pipeline (grok, date, remove)   %8.1f  accounting ~%.1f%% of it%n", nginxApply,
        100 * accounting / steps * nginxSteps / nginxApply);
    System.out.printf("  preview ring, 5000 events per request %8.2f%n", ringBig);
    System.out.printf("  preview ring,   50 events per request %8.2f%n", ringSmall);
    assertThat(pipeline.stats().processors().get(0).in()).isPositive();
  }

  /** A measured piece of work over {@link #EVENTS} events, returning something to keep it from being optimised away. */
  @FunctionalInterface
  private interface Work {
    long run() throws Exception;
  }

  /** Nanoseconds per event of the fastest of {@link #ROUNDS} rounds, after {@link #WARMUP_ROUNDS}. */
  private static double best(Work work) throws Exception {
    long sink = 0;
    for (int i = 0; i < WARMUP_ROUNDS; i++) {
      sink += work.run();
    }
    long best = Long.MAX_VALUE;
    for (int i = 0; i < ROUNDS; i++) {
      long start = System.nanoTime();
      sink += work.run();
      best = Math.min(best, System.nanoTime() - start);
    }
    assertThat(sink).isPositive();
    return (double) best / EVENTS;
  }
}
