package dev.corral.pipeline.definition;

import java.util.List;
import java.util.Objects;

/**
 * One pipeline as written, in either form {@link DefinitionReader} reads (Corral's YAML or an
 * Elasticsearch ingest pipeline's JSON): not yet built, so a definition may name processor types
 * or pipelines that do not exist.
 *
 * @param id the pipeline's name, which requests, inputs and {@code pipeline} processors use
 * @param description what it is for, or null
 * @param when the filter that selects events for it by default ({@code service:nginx*}), or null
 * @param processors the processors in order
 * @param onFailure the processors run when a processor fails with no handler of its own; empty for none
 * @param painlessConditions whether every {@code if} is Painless (Elasticsearch's form), not
 *     only those that refer to {@code ctx}
 * @param multiline how raw lines are joined into events before the processors run, or null for not at all
 */
public record PipelineDefinition(String id, String description, String when, List<ProcessorDefinition> processors,
    List<ProcessorDefinition> onFailure, boolean painlessConditions, MultilineDefinition multiline) {
  public PipelineDefinition {
    Objects.requireNonNull(id, "id");
    processors = List.copyOf(processors);
    onFailure = List.copyOf(onFailure);
  }

  /** A definition without a {@code multiline} block (the form written before it existed). */
  public PipelineDefinition(String id, String description, String when, List<ProcessorDefinition> processors,
      List<ProcessorDefinition> onFailure, boolean painlessConditions) {
    this(id, description, when, processors, onFailure, painlessConditions, null);
  }
}
