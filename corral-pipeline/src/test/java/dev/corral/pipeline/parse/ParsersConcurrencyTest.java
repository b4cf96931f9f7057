package dev.corral.pipeline.parse;

import static dev.corral.pipeline.parse.Definitions.build;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.demo.geo.DemoGeoDatabases;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The processors are shared by the ingest threads: several threads at once must give what one thread gives. */
class ParsersConcurrencyTest {
  private static final int THREADS = 4;
  private static final int LINES = 1_000;
  /**
   * The largest time budget: this test compares results across threads, and a budget spent on a
   * loaded machine (four threads on two cores, other builds besides) would fail an event by time.
   */
  private static final int MOST_MILLIS = 10_000;

  @TempDir Path directory;

  @Test
  void parallelRunsGiveTheSameFieldsAsOneThread() throws Exception {
    long seed = System.nanoTime();
    System.out.println("ParsersConcurrencyTest seed=" + seed);
    DemoGeoDatabases.writeInto(directory);
    List<Processor> pipeline = List.of(
        build(GrokFactory.FACTORY, "field", "message", "patterns", "%{COMBINEDAPACHELOG}", "ecs_compatibility", "v1",
            "timeout_millis", MOST_MILLIS),
        build(UserAgentFactory.FACTORY, "field", "user_agent.original"),
        build(new GeoIpFactory(directory), "field", "source.address", "target_field", "source.geo"),
        build(RedactFactory.FACTORY, "fields", List.of("message", "source.address"), "timeout_millis", MOST_MILLIS));
    List<String> lines = ParsersThroughputTest.apacheLines(seed, LINES);
    List<Map<String, Object>> expected = run(pipeline, lines);
    assertThat(expected).allSatisfy(fields -> assertThat(fields).containsKey("http.request.method"));
    try (ExecutorService threads = Executors.newFixedThreadPool(THREADS)) {
      List<Future<List<Map<String, Object>>>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        results.add(threads.submit(() -> run(pipeline, lines)));
      }
      for (Future<List<Map<String, Object>>> result : results) {
        assertThat(result.get()).isEqualTo(expected);
      }
    }
  }

  private static List<Map<String, Object>> run(List<Processor> pipeline, List<String> lines) throws ProcessorException {
    List<Map<String, Object>> out = new ArrayList<>(lines.size());
    for (String line : lines) {
      MapDocument document = MapDocument.of("message", line);
      for (Processor processor : pipeline) {
        processor.process(document);
      }
      out.add(document.fields());
    }
    return out;
  }
}
