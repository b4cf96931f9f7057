package dev.corral.server.search;

import dev.corral.model.CanonicalJson;
import dev.corral.model.FieldNames;
import dev.corral.model.Fields;
import dev.corral.model.LogEvent;
import dev.corral.store.search.StoredEvent;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The field names a sample of events has — what a restricted principal may learn exists, in place
 * of the store's names over every event ({@link QueryService#knownFields}).
 */
final class SampledFieldNames {
  private SampledFieldNames() {}

  /** Every field of {@code events}, the fields every event has (timestamp, level, message) included; empty for none. */
  static Set<String> of(List<StoredEvent> events) {
    Set<String> names = new TreeSet<>();
    if (events.isEmpty()) {
      return names;
    }
    names.add(FieldNames.TIMESTAMP);
    names.add(FieldNames.LEVEL);
    names.add(FieldNames.MESSAGE);
    for (StoredEvent stored : events) {
      LogEvent event = CanonicalJson.read(stored.source(), 0, stored.source().length);
      Fields fields = event.fields();
      for (int i = 0; i < fields.size(); i++) {
        names.add(fields.name(i));
      }
    }
    return names;
  }
}
