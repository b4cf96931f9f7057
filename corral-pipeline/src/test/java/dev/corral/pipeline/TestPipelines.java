package dev.corral.pipeline;

import dev.corral.pipeline.definition.DefinitionReader;
import dev.corral.pipeline.definition.PipelineDefinition;
import dev.corral.pipeline.engine.Pipeline;
import dev.corral.pipeline.engine.PipelineSet;
import dev.corral.pipeline.engine.ProcessorCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds pipelines from YAML texts for tests, with the standard catalog. */
public final class TestPipelines {
  private TestPipelines() {}

  public static PipelineSet build(String... yamls) throws DefinitionException {
    List<PipelineDefinition> definitions = new ArrayList<>();
    for (String yaml : yamls) {
      definitions.add(DefinitionReader.readYaml(yaml, "test.yaml"));
    }
    return PipelineSet.build(definitions, ProcessorCatalog.standard(), Instant.ofEpochSecond(1_795_280_400L));
  }

  /** The one pipeline of {@code yaml}. */
  public static Pipeline pipeline(String yaml) throws DefinitionException {
    return build(yaml).pipelines().get(0);
  }

  /** A pipeline of one processor: {@code processor} is its YAML map, e.g. {@code "set: {field: a, value: b}"}. */
  public static Pipeline single(String processor) throws DefinitionException {
    return pipeline("id: t\nprocessors:\n  - " + processor + "\n");
  }
}
