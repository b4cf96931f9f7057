package dev.corral.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.EventDocument;
import dev.corral.pipeline.TestDocuments;
import dev.corral.pipeline.TestPipelines;
import dev.corral.pipeline.definition.DefinitionReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineSetTest {
  @Test
  void anUnknownProcessorIsRefusedNamingTheNearestKnownOne() {
    assertThatThrownBy(() -> TestPipelines.single("lowercas: {field: a}"))
        .isInstanceOf(DefinitionException.class)
        .hasMessageStartingWith("pipeline 't', processor 1 (lowercas) at line 3: unknown processor type 'lowercas';"
            + " did you mean 'lowercase'?");
  }

  @Test
  void anUnknownOptionIsRefusedNamingTheKnownOnes() {
    assertThatThrownBy(() -> TestPipelines.single("rename: {field: a, target_field: b, ignore_mising: true}"))
        .hasMessageContaining("processor 1 (rename) at line 3: unknown option ignore_mising")
        .hasMessageContaining("ignore_missing");
  }

  @Test
  void aChainThatLoopsIsRefusedNamingTheLoop() {
    assertThatThrownBy(() -> TestPipelines.build(
        "id: a\nprocessors:\n  - pipeline: {name: b}\n",
        "id: b\nprocessors:\n  - set: {field: x, value: 1}\n  - pipeline: {name: c}\n",
        "id: c\nprocessors:\n  - drop: {if: 'x:2', on_failure: [{pipeline: {name: a}}]}\n"))
        .hasMessageContaining("calls pipeline 'a', which makes a loop: a -> b -> c -> a");
    assertThatThrownBy(() -> TestPipelines.build("id: self\nprocessors:\n  - pipeline: {name: self}\n"))
        .hasMessageContaining("makes a loop: self -> self");
  }

  @Test
  void aChainDeeperThanTheBoundIsRefused() throws DefinitionException {
    String[] chain = new String[PipelineSet.MAX_CHAIN_DEPTH + 1];
    for (int i = 0; i < chain.length; i++) {
      chain[i] = "id: p" + i + "\nprocessors:\n"
          + (i + 1 < chain.length ? "  - pipeline: {name: p" + (i + 1) + "}\n" : "  - set: {field: end, value: 1}\n");
    }
    assertThatThrownBy(() -> TestPipelines.build(chain)).hasMessageContaining("is deeper than 10");
    assertThat(TestPipelines.build(java.util.Arrays.copyOfRange(chain, 1, chain.length)).pipelines()).hasSize(10);
  }

  @Test
  void aCalledPipelineMustExistUnlessIgnored() throws DefinitionException {
    assertThatThrownBy(() -> TestPipelines.build("id: a\nprocessors:\n  - pipeline: {name: nginx-acces}\n",
        "id: nginx-access\nprocessors: []\n"))
        .hasMessageContaining("calls pipeline 'nginx-acces', which does not exist; did you mean 'nginx-access'?");
    Pipeline lenient = TestPipelines.single("pipeline: {name: nowhere, ignore_missing_pipeline: true}");
    assertThat(lenient.run(TestDocuments.document("m"))).isEqualTo(Outcome.KEPT);
  }

  @Test
  void aCalledPipelinesFailureGoesToTheCallersHandlerAndItsDropDropsTheEvent() throws DefinitionException {
    PipelineSet set = TestPipelines.build("""
        id: main
        processors:
          - pipeline:
              name: inner
              on_failure:
                - set: {field: inner_failed, value: "{{_ingest.on_failure_pipeline}}: {{_ingest.on_failure_message}}"}
          - set: {field: after, value: ran}
        """, """
        id: inner
        processors:
          - set: {field: inner_ran, value: true}
          - drop: {if: "message:noise"}
          - convert: {field: n, type: integer}
        """);
    Pipeline main = set.get("main").orElseThrow();
    EventDocument ok = TestDocuments.document("m", "n", "7");
    assertThat(main.run(ok)).isEqualTo(Outcome.KEPT);
    assertThat(ok.toMap()).containsEntry("inner_ran", true).containsEntry("n", 7L).containsEntry("after", "ran");

    EventDocument bad = TestDocuments.document("m", "n", "seven");
    assertThat(main.run(bad)).isEqualTo(Outcome.KEPT);
    assertThat(bad.get("inner_failed")).isEqualTo("inner: field 'n' is 'seven', not a whole number");
    assertThat(bad.get("after")).isEqualTo("ran");

    assertThat(main.run(TestDocuments.document("noise"))).isEqualTo(Outcome.DROPPED);
  }

  @Test
  void aCalledPipelinesUnhandledFailureNamesTheInnerProcessor() throws DefinitionException {
    PipelineSet set = TestPipelines.build("id: main\nprocessors:\n  - pipeline: {name: inner}\n",
        "id: inner\nprocessors:\n  - convert: {field: n, type: integer, tag: n-int}\n");
    EventDocument document = TestDocuments.document("m", "n", "x");
    assertThat(set.get("main").orElseThrow().run(document)).isEqualTo(Outcome.FAILED);
    assertThat(document.toMap()).containsEntry(Pipeline.ERROR_PIPELINE, "inner")
        .containsEntry(Pipeline.ERROR_PROCESSOR, "convert").containsEntry(Pipeline.ERROR_TAG, "n-int");
  }

  @Test
  void theDefaultRuleSelectsTheFirstPipelineWhoseWhenMatches() throws DefinitionException {
    PipelineSet set = TestPipelines.build("id: none\nprocessors: []\n",
        "id: nginx\nwhen: 'service:nginx*'\nprocessors: []\n",
        "id: web\nwhen: 'service:nginx* OR service:apache'\nprocessors: []\n");
    assertThat(set.selectFor(TestDocuments.event("m", "service", "nginx-edge"))).map(Pipeline::id).hasValue("nginx");
    assertThat(set.selectFor(TestDocuments.event("m", "service", "apache"))).map(Pipeline::id).hasValue("web");
    assertThat(set.selectFor(TestDocuments.event("m", "service", "db"))).isEmpty();
    assertThatThrownBy(() -> TestPipelines.build("id: x\nwhen: 'service:('\nprocessors: []\n"))
        .hasMessageContaining("pipeline 'x': when 'service:(' is not a valid filter");
  }

  @Test
  void definitionsAreCheckedWhole() {
    assertThatThrownBy(() -> TestPipelines.build("id: a\nprocessors: []\n", "id: a\nprocessors: []\n"))
        .hasMessage("pipeline 'a' is defined twice");
    assertThatThrownBy(() -> TestPipelines.single("set: {field: a}"))
        .hasMessageContaining("exactly one of options 'value' and 'copy_from' is required");
    assertThatThrownBy(() -> TestPipelines.single("set: {field: a, value: b, if: 'ctx.a.contains(\"x\")'}"))
        .hasMessageContaining("beyond the supported Painless subset: method call 'contains(...)'");
  }

  @Test
  void anElasticsearchDefinitionReadsEveryIfAsPainless() throws DefinitionException {
    var definition = DefinitionReader.readJson("es", """
        {"processors": [{"set": {"field": "x", "value": "y", "if": "ctx.a == 'b'"}}]}""");
    assertThat(definition.painlessConditions()).isTrue();
    Pipeline pipeline = PipelineSet.build(List.of(definition), ProcessorCatalog.standard(), Instant.EPOCH)
        .get("es").orElseThrow();
    EventDocument match = TestDocuments.document("m", "a", "b");
    pipeline.run(match);
    assertThat(match.get("x")).isEqualTo("y");
    assertThatThrownBy(() -> PipelineSet.build(List.of(DefinitionReader.readJson("es2",
        "{\"processors\": [{\"drop\": {\"if\": \"params.x == 1\"}}]}")), ProcessorCatalog.standard(), Instant.EPOCH))
        .hasMessageContaining("'params'");
  }

  @Test
  void otherProcessorsJoinTheCatalog() throws DefinitionException {
    ProcessorCatalog catalog = ProcessorCatalog.builtIns().with(Map.of("shout",
        config -> {
          String field = config.string("field");
          return document -> {
            document.set(field, document.getString(field) + "!");
            return true;
          };
        }));
    assertThat(catalog.types()).contains("shout", "set", "pipeline");
    Pipeline pipeline = PipelineSet.build(List.of(DefinitionReader.readYaml(
        "id: s\nprocessors:\n  - shout: {field: message}\n", "s")), catalog, Instant.EPOCH).get("s").orElseThrow();
    EventDocument document = TestDocuments.document("hey");
    pipeline.run(document);
    assertThat(document.get("message")).isEqualTo("hey!");
    assertThatThrownBy(() -> catalog.with("set", config -> document1 -> true))
        .hasMessageContaining("'set' is already in the catalog");
  }
}
