package dev.corral.pipeline.engine;

import dev.corral.pipeline.Processor;
import dev.corral.pipeline.condition.Condition;
import java.util.List;

/**
 * One built processor of a pipeline with the options every processor takes, applied around it:
 * its condition, its failure handlers, whether failures are ignored, its tag; and its counters.
 * Exactly one of {@code processor} and {@code callee} is set, or neither for a call of a missing
 * pipeline that {@code ignore_missing_pipeline} allows. Immutable but for the counters; thread-safe.
 */
record Step(String pipeline, String where, String type, String tag, Condition condition, Processor processor,
    Pipeline callee, List<Step> onFailure, boolean ignoreFailure, StepMetrics metrics) {
  Step {
    onFailure = List.copyOf(onFailure);
  }

  ProcessorStats stats() {
    long out = metrics.out.sum();
    long dropped = metrics.dropped.sum();
    long failed = metrics.failed.sum();
    return new ProcessorStats(pipeline, where, type, tag, out + dropped + failed, out, dropped, failed,
        metrics.skipped.sum(), metrics.nanos.sum());
  }
}
