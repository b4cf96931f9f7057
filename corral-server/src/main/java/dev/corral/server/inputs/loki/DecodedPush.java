package dev.corral.server.inputs.loki;

import dev.corral.model.LogEvent;
import dev.corral.server.ingest.DeadLetter;
import dev.corral.server.ingest.DecodedBatch;
import java.util.List;

/**
 * What one push request decoded to: the events of its valid entries and a dead letter for each
 * entry that could not become one (its reason names the stream and entry, 1-based).
 */
record DecodedPush(List<LogEvent> events, List<DeadLetter> deadLetters) implements DecodedBatch {
  DecodedPush {
    events = List.copyOf(events);
    deadLetters = List.copyOf(deadLetters);
  }

  /** Entries in the request: accepted plus rejected. */
  int entries() {
    return events.size() + deadLetters.size();
  }
}
