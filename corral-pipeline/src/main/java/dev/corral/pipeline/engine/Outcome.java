package dev.corral.pipeline.engine;

/** What a pipeline did with one event. */
public enum Outcome {
  /** Processed; the event goes on. */
  KEPT,
  /** A processor dropped it ({@code drop}, {@code sample}): it is not stored. */
  DROPPED,
  /** A processor failed and no handler took the failure: the event goes on, marked with {@code pipeline.error}. */
  FAILED
}
