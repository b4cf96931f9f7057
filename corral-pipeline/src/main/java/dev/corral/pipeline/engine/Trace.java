package dev.corral.pipeline.engine;

import dev.corral.pipeline.EventDocument;

/**
 * Told about every processor a document passes, for {@link Simulation}; ingest runs with {@link
 * #NONE}. One per run; not thread-safe.
 */
interface Trace {
  Trace NONE = (step, status, document, error) -> {};

  /**
   * @param status {@code success}, {@code error}, {@code dropped} or {@code skipped}
   * @param document the document after the processor (live: copy what is kept)
   * @param error the failure's reason, or null
   */
  void after(Step step, String status, EventDocument document, String error);
}
