package dev.corral.server.inputs.bulk;

import dev.corral.model.LogEvent;
import dev.corral.server.ingest.DeadLetter;
import dev.corral.server.ingest.DecodedBatch;
import java.util.List;

/**
 * A decoded {@code _bulk} body: one item per action (in body order), the events to store, the
 * pipeline each event's action names (null entries for none) and the dead letters of every refused item.
 */
record BulkBatch(List<BulkItem> items, List<LogEvent> events, List<String> pipelines, List<DeadLetter> deadLetters)
    implements DecodedBatch {
  BulkBatch {
    items = List.copyOf(items);
    events = List.copyOf(events);
    pipelines = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(pipelines));
    deadLetters = List.copyOf(deadLetters);
    if (pipelines.size() != events.size()) {
      throw new IllegalArgumentException("BUG: " + pipelines.size() + " pipelines for " + events.size() + " events");
    }
  }

  boolean hasErrors() {
    return items.stream().anyMatch(BulkItem::failed);
  }
}
