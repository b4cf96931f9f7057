package dev.corral.pipeline.engine;

import dev.corral.pipeline.EventDocument;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a pipeline on sample documents and reports every processor's output in order, like
 * Elasticsearch's {@code _simulate?verbose}. The samples are copied, never changed. The run counts
 * into the pipeline's counters like any other: to keep live statistics clean, simulate on a
 * {@link PipelineSet} built from the same definitions for the purpose (which is also how a
 * definition not yet saved is tried). Stateless.
 */
public final class Simulation {
  private Simulation() {}

  /** Each sample's run, in the samples' order. */
  public static List<SimulatedDocument> verbose(Pipeline pipeline, List<EventDocument> samples) {
    List<SimulatedDocument> results = new ArrayList<>(samples.size());
    for (EventDocument sample : samples) {
      EventDocument document = sample.copy();
      List<SimulatedStep> steps = new ArrayList<>();
      Trace trace = (step, status, current, error) -> steps.add(new SimulatedStep(step.type(), step.tag(), status,
          status.equals("skipped") ? null : current.toMap(), error));
      Outcome outcome = pipeline.run(document, trace);
      results.add(new SimulatedDocument(outcome, outcome == Outcome.DROPPED ? null : document.toMap(), steps));
    }
    return results;
  }
}
