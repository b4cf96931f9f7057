package dev.corral.pipeline.definition;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One processor of a definition, as written: {@code {grok: {field: message, patterns: [...], if:
 * "...", tag: parse}}}. The options every processor takes are read out into their own components;
 * {@link #options()} holds only the processor's own.
 *
 * @param type the processor type ({@code grok})
 * @param where the pipeline, the processor's position and type and its line, for messages, e.g.
 *     {@code pipeline 'nginx', processor 2 (grok) at line 7}
 * @param options the processor's own options, in order (values: String, Long, Double, Boolean,
 *     List, Map, null)
 * @param condition the {@code if} text (a Corral filter or a Painless expression), or null
 * @param onFailure the processors run when this one fails ({@code on_failure}); empty for none
 * @param ignoreFailure whether a failure is ignored ({@code ignore_failure})
 * @param tag the {@code tag}, naming this processor in errors, metrics and simulate output, or null
 * @param description the {@code description}, or null
 */
public record ProcessorDefinition(String type, String where, Map<String, Object> options, String condition,
    List<ProcessorDefinition> onFailure, boolean ignoreFailure, String tag, String description) {
  public ProcessorDefinition {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(where, "where");
    options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
    onFailure = List.copyOf(onFailure);
  }
}
