package dev.corral.pipeline.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.pipeline.DefinitionException;
import org.junit.jupiter.api.Test;

class DefinitionReaderTest {
  @Test
  void readsCorralsYamlForm() throws DefinitionException {
    PipelineDefinition definition = DefinitionReader.readYaml("""
        id: nginx
        description: nginx access lines
        when: "service:nginx*"
        processors:
          - dissect:
              field: message
              pattern: "%{client} %{rest}"
              tag: split
              if: "level:INFO"
          - set: {field: parsed, value: true, ignore_failure: true}
        on_failure:
          - set: {field: failed, value: yes}
        """, "nginx.yaml");
    assertThat(definition.id()).isEqualTo("nginx");
    assertThat(definition.when()).isEqualTo("service:nginx*");
    assertThat(definition.processors()).hasSize(2);
    ProcessorDefinition dissect = definition.processors().get(0);
    assertThat(dissect.type()).isEqualTo("dissect");
    assertThat(dissect.tag()).isEqualTo("split");
    assertThat(dissect.condition()).isEqualTo("level:INFO");
    assertThat(dissect.options()).containsOnlyKeys("field", "pattern");
    assertThat(dissect.where()).isEqualTo("pipeline 'nginx', processor 1 (dissect, tag 'split') at line 5");
    assertThat(definition.processors().get(1).ignoreFailure()).isTrue();
    assertThat(definition.processors().get(1).options().get("value")).isEqualTo(true);
    assertThat(definition.onFailure()).hasSize(1);
  }

  @Test
  void readsAnElasticsearchIngestPipeline() throws DefinitionException {
    PipelineDefinition definition = DefinitionReader.readJson("filebeat-8.11.0-nginx-access-pipeline", """
        {
          "description": "Pipeline for parsing Nginx access logs.",
          "version": 3,
          "processors": [
            {"set": {"field": "event.ingested", "value": "{{_ingest.timestamp}}"}},
            {"rename": {"field": "message", "target_field": "event.original", "if": "ctx.event?.original == null"}},
            {"grok": {"field": "event.original", "patterns": ["%{IP:source.ip}"],
              "on_failure": [{"set": {"field": "error.message", "value": "{{ _ingest.on_failure_message }}"}}]}}
          ],
          "on_failure": [{"set": {"field": "error.message", "value": "{{ _ingest.on_failure_message }}"}}]
        }
        """);
    assertThat(definition.processors()).extracting(ProcessorDefinition::type).containsExactly("set", "rename", "grok");
    assertThat(definition.processors().get(1).condition()).isEqualTo("ctx.event?.original == null");
    assertThat(definition.processors().get(2).onFailure()).hasSize(1);
    assertThat(definition.processors().get(2).where()).endsWith("processor 3 (grok) at line 7");
  }

  @Test
  void malformedYamlNamesTheLine() {
    assertThatThrownBy(() -> DefinitionReader.readYaml("id: x\nprocessors:\n  - set: {field: a\n  - drop: {}\n", "bad.yaml"))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("pipeline definition bad.yaml is malformed at line");
  }

  @Test
  void malformedJsonNamesTheLineAndColumn() {
    assertThatThrownBy(() -> DefinitionReader.readJson("p", "{\n  \"processors\": [\n    {\"set\": {\"field\": }}\n  ]\n}"))
        .hasMessageStartingWith("pipeline 'p' is malformed at line 3, column");
  }

  @Test
  void duplicateKeysAreRefused() {
    assertThatThrownBy(() -> DefinitionReader.readYaml("id: x\nid: y\nprocessors: []\n", "dup.yaml"))
        .hasMessageContaining("line 2").hasMessageContaining("Duplicate field 'id'");
  }

  @Test
  void aProcessorOfTwoKeysNamesItsPositionAndLine() {
    assertThatThrownBy(() -> DefinitionReader.readYaml("""
        id: x
        processors:
          - set: {field: a, value: b}
          - set: {field: a, value: b}
            drop: {}
        """, "x.yaml"))
        .hasMessageStartingWith("pipeline 'x', processor 2 at line 4: a processor must be a map of one key");
  }

  @Test
  void unknownPipelineKeysAndMissingIdAreRefused() {
    assertThatThrownBy(() -> DefinitionReader.readYaml("id: x\nprocesors: []\n", "x.yaml"))
        .hasMessageContaining("unknown key 'procesors'");
    assertThatThrownBy(() -> DefinitionReader.readYaml("processors: []\n", "x.yaml"))
        .hasMessageContaining("'id' is required");
    assertThatThrownBy(() -> DefinitionReader.readYaml("id: 'a b'\nprocessors: []\n", "x.yaml"))
        .hasMessageContaining("id 'a b' must be");
    assertThatThrownBy(() -> DefinitionReader.readJson("p", "{\"processors\": [], \"when\": \"x\"}"))
        .hasMessageContaining("unknown key 'when'");
  }

  @Test
  void commonOptionsOfTheWrongTypeAreRefused() {
    assertThatThrownBy(() -> DefinitionReader.readYaml("id: x\nprocessors:\n  - drop: {ignore_failure: maybe}\n", "x"))
        .hasMessageContaining("processor 1 (drop) at line 3: option 'ignore_failure' must be true or false");
    assertThatThrownBy(() -> DefinitionReader.readYaml("id: x\nprocessors:\n  - drop: {if: [a]}\n", "x"))
        .hasMessageContaining("option 'if' must be text");
  }
}
