package dev.corral.server.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-processor counters: events in, out, dropped, failed and skipped and the time spent, for every
 * processor of every pipeline, in {@code GET /api/v1/stats} and on {@code /metrics} (labelled by the
 * processor's tag, or its position and type), counted across a reload without going back.
 */
class ProcessorMetricsTest {
  private static final String DEFINITION = """
      id: shop
      processors:
        - set: {field: seen, value: yes}
        - drop: {if: "message:health*"}
        - convert: {field: bytes, type: long, tag: bytes-to-long}
        - uppercase: {field: verb, ignore_missing: true, if: "verb:*"}
      """;
  private static final Pattern SAMPLE = Pattern.compile("^(corral_pipeline_processor_\\w+)\\{([^}]*)\\} (\\S+)$");

  @TempDir
  Path data;

  @Test
  void everyProcessorCountsItsEventsAndTimeInStatsAndOnMetricsAcrossAReload() throws Exception {
    try (TestServer server = TestServer.start(data, Map.of())) {
      assertThat(server.send("PUT", "/api/v1/pipelines/shop", DEFINITION, "Content-Type", "application/yaml").status())
          .isEqualTo(200);
      String events = """
          {"service":"shop","message":"order 1","bytes":"12","verb":"get"}
          {"service":"shop","message":"order 2","bytes":"not a number"}
          {"service":"shop","message":"health check"}
          {"service":"shop","message":"order 3","bytes":"7"}
          """;
      assertThat(server.post("/api/v1/ingest?pipeline=shop", events.getBytes(StandardCharsets.UTF_8)).status())
          .isEqualTo(200);

      JsonNode processors = server.get("/api/v1/stats").json().path("pipelines").path("pipelines").path("shop")
          .path("processors");
      assertThat(processors).hasSize(4);
      assertCounts(processors.get(0), "0:set", 4, 4, 0, 0, 0);
      assertCounts(processors.get(1), "1:drop", 1, 0, 1, 0, 3);
      assertCounts(processors.get(2), "bytes-to-long", 3, 2, 0, 1, 0);
      // the failed event stops there: uppercase sees the two others, one with a verb
      assertCounts(processors.get(3), "3:uppercase", 1, 1, 0, 0, 1);

      Map<String, Double> metrics = scrape(server);
      assertThat(metrics)
          .containsEntry(events("0:set", "in"), 4.0).containsEntry(events("0:set", "out"), 4.0)
          .containsEntry(events("1:drop", "dropped"), 1.0).containsEntry(events("1:drop", "skipped"), 3.0)
          .containsEntry(events("bytes-to-long", "failed"), 1.0).containsEntry(events("bytes-to-long", "out"), 2.0)
          .containsEntry(events("3:uppercase", "skipped"), 1.0);
      assertThat(metrics.get("corral_pipeline_processor_seconds_total{pipeline=\"shop\",processor=\"bytes-to-long\"}"))
          .isPositive();

      // A reload (a new set, its own counters from zero) does not send the counters back.
      assertThat(server.send("PUT", "/api/v1/pipelines/shop", DEFINITION + "  - set: {field: added, value: 1}\n",
          "Content-Type", "application/yaml").status()).isEqualTo(200);
      assertThat(server.get("/api/v1/stats").json().path("pipelines").path("pipelines").path("shop").path("processors")
          .get(0).path("in").asLong()).as("stats are per loaded set").isZero();
      assertThat(server.post("/api/v1/ingest?pipeline=shop", "{\"message\":\"order 4\",\"bytes\":\"1\"}\n"
          .getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
      Map<String, Double> after = scrape(server);
      assertThat(after).containsEntry(events("0:set", "in"), 5.0).containsEntry(events("bytes-to-long", "out"), 3.0)
          .containsEntry(events("bytes-to-long", "failed"), 1.0).containsEntry(events("4:set", "in"), 1.0);
      assertThat(after.get("corral_pipeline_processor_seconds_total{pipeline=\"shop\",processor=\"0:set\"}"))
          .isGreaterThanOrEqualTo(metrics.get("corral_pipeline_processor_seconds_total{pipeline=\"shop\",processor=\"0:set\"}"));

      // A processor gone after a reload is no longer reported.
      assertThat(server.send("PUT", "/api/v1/pipelines/shop", "id: shop\nprocessors:\n  - set: {field: a, value: b}\n",
          "Content-Type", "application/yaml").status()).isEqualTo(200);
      Map<String, Double> trimmed = scrape(server);
      assertThat(trimmed).containsEntry(events("0:set", "in"), 5.0).doesNotContainKey(events("bytes-to-long", "in"));
    }
  }

  @Test
  void repeatedOrOverlongTagsFallBackToPositionAndType() {
    var stats = new dev.corral.pipeline.engine.PipelineStats("p", 0, 0, 0, 0, java.util.List.of(
        processor("grok", "parse"), processor("date", "parse"), processor("set", "x".repeat(65)),
        processor("kv", "kv-pairs"), processor("set", null)));
    assertThat(ProcessorMetrics.labels(stats)).containsExactly("0:grok", "1:date", "2:set", "kv-pairs", "4:set");
  }

  private static dev.corral.pipeline.engine.ProcessorStats processor(String type, String tag) {
    return new dev.corral.pipeline.engine.ProcessorStats("p", "here", type, tag, 0, 0, 0, 0, 0, 0);
  }

  private static String events(String processor, String outcome) {
    return "corral_pipeline_processor_events_total{outcome=\"" + outcome + "\",pipeline=\"shop\",processor=\""
        + processor + "\"}";
  }

  private static void assertCounts(JsonNode processor, String metric, long in, long out, long dropped, long failed,
      long skipped) {
    assertThat(processor.path("metric").asText()).isEqualTo(metric);
    assertThat(new long[] {processor.path("in").asLong(), processor.path("out").asLong(),
        processor.path("dropped").asLong(), processor.path("failed").asLong(), processor.path("skipped").asLong()})
        .as(metric).containsExactly(in, out, dropped, failed, skipped);
  }

  /** The per-processor samples of a scrape, labels sorted by name. */
  private static Map<String, Double> scrape(TestServer server) {
    TestServer.Reply reply = server.get("/metrics");
    assertThat(reply.status()).isEqualTo(200);
    Map<String, Double> samples = new HashMap<>();
    for (String line : reply.body().split("\n")) {
      Matcher sample = SAMPLE.matcher(line);
      if (sample.matches()) {
        String labels = String.join(",", java.util.Arrays.stream(sample.group(2).split(",")).sorted().toList());
        samples.put(sample.group(1) + "{" + labels + "}", Double.parseDouble(sample.group(3)));
      }
    }
    return samples;
  }
}
