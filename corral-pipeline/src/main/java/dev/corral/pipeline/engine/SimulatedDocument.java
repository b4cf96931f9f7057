package dev.corral.pipeline.engine;

import java.util.List;
import java.util.Map;

/**
 * One sample document run through a pipeline by {@link Simulation}.
 *
 * @param outcome kept, dropped or failed (kept with {@code pipeline.error})
 * @param document every field at the end (with {@code pipeline.error} when failed); null when dropped
 * @param steps every processor the document reached, in the order they ran (those of called
 *     pipelines and failure handlers included)
 */
public record SimulatedDocument(Outcome outcome, Map<String, Object> document, List<SimulatedStep> steps) {
  public SimulatedDocument {
    steps = List.copyOf(steps);
  }
}
