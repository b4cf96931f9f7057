package dev.corral.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.EventDocument;
import dev.corral.pipeline.TestDocuments;
import dev.corral.pipeline.TestPipelines;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulationTest {
  private static final String PIPELINE = """
      id: access
      processors:
        - dissect: {field: message, pattern: "%{client.ip} %{http.method} %{url.path} %{status}", tag: split}
        - convert: {field: status, type: long}
        - drop: {if: "url.path:\\\\/health"}
        - set: {field: slow, value: true, if: "status:>=500"}
      """;

  @Test
  void everyProcessorsOutputInOrderPerDocument() throws DefinitionException {
    Pipeline pipeline = TestPipelines.pipeline(PIPELINE);
    EventDocument ok = TestDocuments.document("10.0.0.1 GET /index 200");
    EventDocument health = TestDocuments.document("10.0.0.1 GET /health 200");
    EventDocument broken = TestDocuments.document("10.0.0.1 GET /x abc");
    List<SimulatedDocument> results = Simulation.verbose(pipeline, List.of(ok, health, broken));

    SimulatedDocument first = results.get(0);
    assertThat(first.outcome()).isEqualTo(Outcome.KEPT);
    assertThat(first.steps()).extracting(SimulatedStep::processorType, SimulatedStep::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("dissect", "success"),
            org.assertj.core.groups.Tuple.tuple("convert", "success"),
            org.assertj.core.groups.Tuple.tuple("drop", "skipped"),
            org.assertj.core.groups.Tuple.tuple("set", "skipped"));
    assertThat(first.steps().get(0).tag()).isEqualTo("split");
    assertThat(first.steps().get(0).document()).containsEntry("status", "200").containsEntry("url.path", "/index");
    assertThat(first.steps().get(1).document()).containsEntry("status", 200L);
    assertThat(first.steps().get(2).document()).isNull();
    assertThat(first.document()).containsEntry("client.ip", "10.0.0.1");

    SimulatedDocument second = results.get(1);
    assertThat(second.outcome()).isEqualTo(Outcome.DROPPED);
    assertThat(second.document()).isNull();
    assertThat(second.steps()).extracting(SimulatedStep::status).containsExactly("success", "success", "dropped");

    SimulatedDocument third = results.get(2);
    assertThat(third.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(third.steps()).extracting(SimulatedStep::status).containsExactly("success", "error");
    assertThat(third.steps().get(1).error()).isEqualTo("field 'status' is 'abc', not a whole number");
    assertThat(third.document()).containsEntry(Pipeline.ERROR_PROCESSOR, "convert");

    assertThat(ok.has("client.ip")).as("the samples themselves are not changed").isFalse();
  }

  @Test
  void calledPipelinesAndHandlersAppearInTheOrderTheyRan() throws DefinitionException {
    PipelineSet set = TestPipelines.build("""
        id: outer
        processors:
          - pipeline: {name: inner}
          - json: {field: message, on_failure: [{set: {field: raw, value: true}}]}
        """, "id: inner\nprocessors:\n  - lowercase: {field: message}\n");
    List<SimulatedDocument> results = Simulation.verbose(set.get("outer").orElseThrow(),
        List.of(TestDocuments.document("NOT JSON")));
    assertThat(results.get(0).steps()).extracting(SimulatedStep::processorType, SimulatedStep::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("lowercase", "success"),
            org.assertj.core.groups.Tuple.tuple("pipeline", "success"),
            org.assertj.core.groups.Tuple.tuple("json", "error"),
            org.assertj.core.groups.Tuple.tuple("set", "success"));
    assertThat(results.get(0).document()).containsEntry("message", "not json").containsEntry("raw", true);
  }

  @Test
  void processorMetricsCountEventsAndTime() throws DefinitionException {
    Pipeline pipeline = TestPipelines.pipeline(PIPELINE);
    for (String line : List.of("1 GET /a 200", "1 GET /b 500", "1 GET /health 200", "garbage")) {
      pipeline.run(TestDocuments.document(line));
    }
    PipelineStats stats = pipeline.stats();
    assertThat(stats).extracting(PipelineStats::in, PipelineStats::kept, PipelineStats::dropped, PipelineStats::failed)
        .containsExactly(4L, 2L, 1L, 1L);
    ProcessorStats dissect = stats.processors().get(0);
    assertThat(dissect).extracting(ProcessorStats::in, ProcessorStats::out, ProcessorStats::failed)
        .containsExactly(4L, 3L, 1L);
    assertThat(dissect.nanos()).isPositive();
    assertThat(dissect.where()).isEqualTo("pipeline 'access', processor 1 (dissect, tag 'split') at line 3");
    ProcessorStats set = stats.processors().get(3);
    assertThat(set).extracting(ProcessorStats::in, ProcessorStats::skipped).containsExactly(1L, 1L);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theReportHasElasticsearchsVerboseShape() throws DefinitionException {
    Pipeline pipeline = TestPipelines.pipeline(PIPELINE);
    java.util.Map<String, Object> report = SimulationReport.verbose(Simulation.verbose(pipeline,
        List.of(TestDocuments.document("10.0.0.1 GET /x abc"))));
    var doc = (java.util.Map<String, Object>) ((List<Object>) report.get("docs")).get(0);
    assertThat(doc).containsEntry("outcome", "failed");
    var results = (List<java.util.Map<String, Object>>) doc.get("processor_results");
    assertThat(results.get(0)).containsEntry("processor_type", "dissect").containsEntry("status", "success")
        .containsEntry("tag", "split");
    var source = (java.util.Map<String, Object>) ((java.util.Map<String, Object>) results.get(0).get("doc")).get("_source");
    assertThat(source).containsEntry("timestamp", "2026-11-21T17:00:00Z").containsEntry("url.path", "/x");
    assertThat(results.get(1)).containsEntry("status", "error")
        .containsEntry("error", java.util.Map.of("type", "processor_failure", "reason",
            "field 'status' is 'abc', not a whole number"));
  }
}
