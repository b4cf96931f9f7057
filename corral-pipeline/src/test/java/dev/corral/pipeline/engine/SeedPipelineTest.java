package dev.corral.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.EventDocument;
import dev.corral.pipeline.TestDocuments;
import dev.corral.pipeline.TestPipelines;
import org.junit.jupiter.api.Test;

/**
 * The seeds' Logstash filter stage written as a Corral pipeline: a {@code slow_request} tag when
 * {@code duration_ms > 1000}, an {@code alert_severity} field, routing by service. (Their grok on
 * COMBINEDAPACHELOG and geoip are the parsers' processors, tested with them.)
 */
class SeedPipelineTest {
  private static final String SEED = """
      id: seed
      description: the Logstash filters of the seeds
      processors:
        - convert: {field: duration_ms, type: long, ignore_missing: true}
        - tag: {tags: [slow_request], if: "duration_ms:>1000"}
        - add_field: {fields: {alert_severity: high}, if: "level:(ERROR OR FATAL)"}
        - add_field: {fields: {alert_severity: medium}, if: "level:WARN OR tags:*slow_request*", override: false}
        - route: {stream: security, if: "service:auth*"}
        - route: {stream: "app-{{service}}", if: "NOT service:auth* AND service:*"}
      """;

  @Test
  void combinedApacheLogThenDateOnItsTimestampSetsTheEventTime() throws DefinitionException {
    Pipeline apache = TestPipelines.pipeline("""
        id: apache
        processors:
          - grok: {field: message, patterns: ["%{COMBINEDAPACHELOG}"]}
          - date: {field: timestamp, formats: ["dd/MMM/yyyy:HH:mm:ss Z"]}
        """);
    EventDocument line = TestDocuments.document("203.0.113.9 - - [10/Oct/2026:13:55:36 -0700] \"GET /a HTTP/1.1\" "
        + "503 120 \"-\" \"curl/8.0\"");
    assertThat(apache.run(line)).as("%s", line.toMap()).isEqualTo(Outcome.KEPT);
    assertThat(line.toEvent().timestamp()).isEqualTo(java.time.Instant.parse("2026-10-10T20:55:36Z").getEpochSecond()
        * 1_000_000_000L);
    assertThat(line.toEvent().fields().get(EventDocument.TIMESTAMP_TEXT)).isNull();
  }

  @Test
  void aSlowAuthRequestIsTaggedGradedAndRouted() throws DefinitionException {
    Pipeline seed = TestPipelines.pipeline(SEED);
    EventDocument slow = TestDocuments.document("login took long", "service", "auth-api", "duration_ms", "1500");
    assertThat(seed.run(slow)).isEqualTo(Outcome.KEPT);
    assertThat(slow.toMap()).containsEntry("duration_ms", 1500L).containsEntry("tags", java.util.List.of("slow_request"))
        .containsEntry("alert_severity", "medium").containsEntry("stream", "security");
    assertThat(slow.toEvent().fields().get("tags")).isEqualTo("[\"slow_request\"]");
  }

  @Test
  void aFastErrorIsGradedHighAndRoutedByItsService() throws DefinitionException {
    Pipeline seed = TestPipelines.pipeline(SEED);
    EventDocument error = TestDocuments.document("boom", "service", "checkout", "duration_ms", 20L);
    error.set("level", "ERROR");
    seed.run(error);
    assertThat(error.toMap()).doesNotContainKey("tags").containsEntry("alert_severity", "high")
        .containsEntry("stream", "app-checkout");
  }

  @Test
  void aQuietEventPassesUntouched() throws DefinitionException {
    Pipeline seed = TestPipelines.pipeline(SEED);
    EventDocument quiet = TestDocuments.document("ok");
    seed.run(quiet);
    assertThat(quiet.toEvent()).isEqualTo(TestDocuments.event("ok"));
  }
}
