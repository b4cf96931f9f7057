package dev.corral.server.inputs.bulk;

import dev.corral.model.LogEvent;
import dev.corral.server.ingest.DeadLetter;
import dev.corral.server.ingest.DecodedBatch;
import java.util.List;

/**
 * A decoded {@code _bulk} body: one item per action (in body order), the events to store and the
 * dead letters of every refused item.
 */
record BulkBatch(List<BulkItem> items, List<LogEvent> events, List<DeadLetter> deadLetters) implements DecodedBatch {
  BulkBatch {
    items = List.copyOf(items);
    events = List.copyOf(events);
    deadLetters = List.copyOf(deadLetters);
  }

  boolean hasErrors() {
    return items.stream().anyMatch(BulkItem::failed);
  }
}
