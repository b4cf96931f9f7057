package dev.corral.server.inputs.gelf;

import dev.corral.model.LogEvent;
import dev.corral.server.ingest.DeadLetter;
import dev.corral.server.ingest.DecodedBatch;
import java.util.List;

/**
 * The decoded messages of one GELF HTTP request body.
 *
 * @param events the messages that became events
 * @param deadLetters the messages that could not, with their reasons
 * @param oversized how many of the dead letters were refused for their size alone
 */
record GelfBatch(List<LogEvent> events, List<DeadLetter> deadLetters, int oversized) implements DecodedBatch {
  GelfBatch {
    events = List.copyOf(events);
    deadLetters = List.copyOf(deadLetters);
    if (oversized < 0 || oversized > deadLetters.size()) {
      throw new IllegalArgumentException("oversized is " + oversized + ", must be 0.." + deadLetters.size());
    }
  }

  /** Whether messages were sent but none of them was accepted. */
  boolean nothingAccepted() {
    return events.isEmpty() && !deadLetters.isEmpty();
  }

  /** Whether every rejected message was refused for its size alone. */
  boolean allRejectedForSize() {
    return !deadLetters.isEmpty() && oversized == deadLetters.size();
  }
}
