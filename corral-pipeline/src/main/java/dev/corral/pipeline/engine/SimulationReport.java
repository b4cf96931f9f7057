package dev.corral.pipeline.engine;

import dev.corral.model.FieldNames;
import dev.corral.model.Timestamps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Simulation results in the shape of Elasticsearch's {@code POST _ingest/pipeline/{id}/_simulate?verbose}
 * answer, as plain maps and lists for any JSON writer: {@code {"docs": [{"processor_results":
 * [{"processor_type", "status", "tag", "doc": {"_source": {...}}, "error": {"type", "reason"}}]}]}},
 * plus Corral's {@code "outcome"} and final {@code "doc"} per sample. The timestamp is written as
 * ISO-8601 text, as the API returns events. Stateless.
 */
public final class SimulationReport {
  private SimulationReport() {}

  /** The verbose answer for {@code results}. */
  public static Map<String, Object> verbose(List<SimulatedDocument> results) {
    List<Object> docs = new ArrayList<>(results.size());
    for (SimulatedDocument result : results) {
      List<Object> processors = new ArrayList<>(result.steps().size());
      for (SimulatedStep step : result.steps()) {
        Map<String, Object> processor = new LinkedHashMap<>();
        processor.put("processor_type", step.processorType());
        processor.put("status", step.status());
        if (step.tag() != null) {
          processor.put("tag", step.tag());
        }
        if (step.document() != null) {
          processor.put("doc", Map.of("_source", source(step.document())));
        }
        if (step.error() != null) {
          processor.put("error", Map.of("type", "processor_failure", "reason", step.error()));
        }
        processors.add(processor);
      }
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("outcome", result.outcome().name().toLowerCase(java.util.Locale.ROOT));
      doc.put("processor_results", processors);
      if (result.document() != null) {
        doc.put("doc", Map.of("_source", source(result.document())));
      }
      docs.add(doc);
    }
    return Map.of("docs", docs);
  }

  private static Map<String, Object> source(Map<String, Object> document) {
    Map<String, Object> source = new LinkedHashMap<>(document);
    if (source.get(FieldNames.TIMESTAMP) instanceof Long nanos) {
      source.put(FieldNames.TIMESTAMP, Timestamps.format(nanos));
    }
    return source;
  }
}
