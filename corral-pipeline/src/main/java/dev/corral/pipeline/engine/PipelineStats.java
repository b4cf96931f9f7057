package dev.corral.pipeline.engine;

import java.util.List;

/**
 * A snapshot of one pipeline's counters since it was built.
 *
 * @param id the pipeline's id
 * @param in events run through it (called from another pipeline included)
 * @param kept events it passed on without an unhandled failure
 * @param dropped events a processor dropped
 * @param failed events kept with {@code pipeline.error}: a failure no handler took
 * @param processors each processor's counters, in order (handlers after the processor they serve)
 */
public record PipelineStats(String id, long in, long kept, long dropped, long failed, List<ProcessorStats> processors) {
  public PipelineStats {
    processors = List.copyOf(processors);
  }
}
