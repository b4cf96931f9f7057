package dev.corral.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.EventDocument;
import dev.corral.pipeline.TestDocuments;
import dev.corral.pipeline.TestPipelines;
import org.junit.jupiter.api.Test;

class PipelineFailureTest {
  @Test
  void aFailureWithoutHandlerKeepsTheEventMarkedAndCounted() throws DefinitionException {
    Pipeline pipeline = TestPipelines.pipeline("""
        id: web
        processors:
          - set: {field: before, value: done}
          - convert: {field: bytes, type: long, tag: bytes-to-long}
          - set: {field: after, value: never}
        """);
    EventDocument document = TestDocuments.document("GET / 200 abc", "bytes", "abc");
    assertThat(pipeline.run(document)).isEqualTo(Outcome.FAILED);
    assertThat(document.get("message")).isEqualTo("GET / 200 abc");
    assertThat(document.get("before")).isEqualTo("done");
    assertThat(document.has("after")).isFalse();
    assertThat(document.get(Pipeline.ERROR_PROCESSOR)).isEqualTo("convert");
    assertThat(document.get(Pipeline.ERROR_TAG)).isEqualTo("bytes-to-long");
    assertThat(document.get(Pipeline.ERROR_REASON)).isEqualTo("field 'bytes' is 'abc', not a whole number");
    assertThat(document.get(Pipeline.ERROR_PIPELINE)).isEqualTo("web");
    PipelineStats stats = pipeline.stats();
    assertThat(stats.failed()).isEqualTo(1);
    assertThat(stats.kept()).isZero();
    assertThat(stats.processors().get(1).failed()).isEqualTo(1);
    assertThat(stats.processors().get(2).in()).isZero();
  }

  @Test
  void aProcessorsOwnHandlerRunsWithTheFailureAndThePipelineGoesOn() throws DefinitionException {
    Pipeline pipeline = TestPipelines.pipeline("""
        id: web
        processors:
          - convert:
              field: bytes
              type: long
              tag: bytes
              on_failure:
                - set: {field: error.message, value: "{{ _ingest.on_failure_message }} in {{_ingest.on_failure_processor_type}}/{{_ingest.on_failure_processor_tag}}"}
          - set: {field: after, value: ran}
        """);
    EventDocument document = TestDocuments.document("m", "bytes", "abc");
    assertThat(pipeline.run(document)).isEqualTo(Outcome.KEPT);
    assertThat(document.get("error.message")).isEqualTo("field 'bytes' is 'abc', not a whole number in convert/bytes");
    assertThat(document.get("after")).isEqualTo("ran");
    assertThat(document.has(Pipeline.FAILURE_MESSAGE)).isFalse();
    assertThat(document.has(Pipeline.ERROR_REASON)).isFalse();
  }

  @Test
  void ignoreFailurePassesOver() throws DefinitionException {
    Pipeline pipeline = TestPipelines.pipeline("""
        id: web
        processors:
          - rename: {field: nothing, target_field: x, ignore_failure: true}
          - set: {field: after, value: ran}
        """);
    EventDocument document = TestDocuments.document("m");
    assertThat(pipeline.run(document)).isEqualTo(Outcome.KEPT);
    assertThat(document.get("after")).isEqualTo("ran");
    assertThat(pipeline.stats().processors().get(0).failed()).isEqualTo(1);
  }

  @Test
  void thePipelinesHandlerEndsItAndKeepsTheEventAsTheHandlerLeavesIt() throws DefinitionException {
    Pipeline pipeline = TestPipelines.pipeline("""
        id: web
        processors:
          - json: {field: message}
          - set: {field: after, value: never}
        on_failure:
          - set: {field: error.message, value: "{{_ingest.on_failure_message}}"}
        """);
    EventDocument document = TestDocuments.document("not json");
    assertThat(pipeline.run(document)).isEqualTo(Outcome.KEPT);
    assertThat((String) document.get("error.message")).startsWith("field 'message' is not JSON");
    assertThat(document.has("after")).isFalse();
  }

  @Test
  void aFailingHandlerIsTheFailureThatMarksTheEvent() throws DefinitionException {
    Pipeline pipeline = TestPipelines.pipeline("""
        id: web
        processors:
          - json:
              field: message
              on_failure:
                - convert: {field: nothing, type: long}
        """);
    EventDocument document = TestDocuments.document("not json");
    assertThat(pipeline.run(document)).isEqualTo(Outcome.FAILED);
    assertThat(document.get(Pipeline.ERROR_REASON)).isEqualTo("field 'nothing' is missing");
  }

  @Test
  void aValueTheDocumentRefusesIsAFailureToo() throws DefinitionException {
    Pipeline pipeline = TestPipelines.single("set: {field: timestamp, value: 1.5}");
    EventDocument document = TestDocuments.document("m");
    assertThat(pipeline.run(document)).isEqualTo(Outcome.FAILED);
    assertThat((String) document.get(Pipeline.ERROR_REASON)).startsWith("field 'timestamp' must be epoch nanoseconds");
    assertThat(document.get("timestamp")).isEqualTo(TestDocuments.TIME);
  }

  @Test
  void aFailureOfAnEventAtItsLimitsIsStillMarked() throws DefinitionException {
    Pipeline pipeline = TestPipelines.single("kv: {field: message, field_split: ' ', value_split: '='}");
    EventDocument document = EventDocument.of(TestDocuments.event("a=1 b=2 c=3 d=4"),
        new dev.corral.pipeline.DocumentLimits(10_000, 2));
    assertThat(pipeline.run(document)).isEqualTo(Outcome.FAILED);
    assertThat((String) document.get(Pipeline.ERROR_REASON)).contains("over the limit of 2");
    assertThat(document.get("a")).isEqualTo("1");
  }

  @Test
  void aDroppedEventStopsThePipeline() throws DefinitionException {
    Pipeline pipeline = TestPipelines.pipeline("""
        id: web
        processors:
          - drop: {if: "level:DEBUG"}
          - set: {field: after, value: ran}
        """);
    EventDocument debug = TestDocuments.document("m");
    debug.set("level", "DEBUG");
    assertThat(pipeline.run(debug)).isEqualTo(Outcome.DROPPED);
    assertThat(debug.has("after")).isFalse();
    EventDocument info = TestDocuments.document("m");
    assertThat(pipeline.run(info)).isEqualTo(Outcome.KEPT);
    assertThat(info.get("after")).isEqualTo("ran");
    PipelineStats stats = pipeline.stats();
    assertThat(stats.dropped()).isEqualTo(1);
    assertThat(stats.kept()).isEqualTo(1);
    assertThat(stats.processors().get(0)).extracting(ProcessorStats::in, ProcessorStats::dropped,
        ProcessorStats::skipped).containsExactly(1L, 1L, 1L);
    assertThat(stats.processors().get(1).out()).isEqualTo(1);
  }

  @Test
  void aHandlerInsideAHandlerSeesItsOwnFailureThenTheOuterOneAgain() throws DefinitionException {
    Pipeline pipeline = TestPipelines.pipeline("""
        id: web
        processors:
          - json:
              field: message
              tag: outer
              on_failure:
                - convert:
                    field: nothing
                    type: long
                    tag: inner
                    on_failure:
                      - set: {field: inner_saw, value: "{{_ingest.on_failure_processor_tag}}"}
                - set: {field: outer_saw, value: "{{_ingest.on_failure_processor_tag}}"}
        """);
    EventDocument document = TestDocuments.document("not json");
    assertThat(pipeline.run(document)).isEqualTo(Outcome.KEPT);
    assertThat(document.toMap()).containsEntry("inner_saw", "inner").containsEntry("outer_saw", "outer")
        .doesNotContainKey(Pipeline.FAILURE_TAG).doesNotContainKey(Pipeline.FAILURE_MESSAGE);
  }

  @Test
  void applyTurnsAnEventIntoTheEventToStore() throws DefinitionException {
    Pipeline pipeline = TestPipelines.pipeline("""
        id: web
        processors:
          - drop: {if: "message:noise"}
          - set: {field: parsed, value: true}
          - convert: {field: n, type: long, ignore_missing: true}
        """);
    Pipeline.Applied kept = pipeline.apply(TestDocuments.event("hello"), dev.corral.pipeline.DocumentLimits.DEFAULTS);
    assertThat(kept.outcome()).isEqualTo(Outcome.KEPT);
    assertThat(kept.event()).isEqualTo(TestDocuments.event("hello", "parsed", true));
    Pipeline.Applied dropped = pipeline.apply(TestDocuments.event("noise"), dev.corral.pipeline.DocumentLimits.DEFAULTS);
    assertThat(dropped).isEqualTo(new Pipeline.Applied(Outcome.DROPPED, null));
    Pipeline.Applied failed = pipeline.apply(TestDocuments.event("x", "n", "y"), dev.corral.pipeline.DocumentLimits.DEFAULTS);
    assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(failed.event().fields().get(Pipeline.ERROR_PROCESSOR)).isEqualTo("convert");
    assertThat(failed.event().message()).isEqualTo("x");
  }
}
