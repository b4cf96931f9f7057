package dev.corral.pipeline.condition;

import dev.corral.pipeline.EventDocument;

/**
 * A processor's {@code if}: whether it runs on a document. Built once by {@link Conditions#compile};
 * immutable and thread-safe.
 */
@FunctionalInterface
public interface Condition {
  /** Always true: a processor without {@code if}. */
  Condition ALWAYS = document -> true;

  /** Whether the processor runs on {@code document} in its current state. */
  boolean test(EventDocument document);
}
