package dev.corral.store;

import dev.corral.model.EventBatch;
import dev.corral.model.LogEvent;
import dev.corral.store.index.EventDocumentBuilder;
import dev.corral.store.index.FieldBudget;
import dev.corral.store.index.PartitionSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Writes events into a store's partition directories the way Corral wrote them before the mapping
 * diet ({@link PartitionSchema#PREVIOUS}: doc values on identifiers, points on numbers), with the
 * partition's hot writer settings and a commit without WAL position (position 0), as a partition
 * of an older version looks to a new one. The store must not be open.
 */
final class PreviousVersionPartitions {
  private PreviousVersionPartitions() {}

  static void write(Path storeDirectory, List<LogEvent> events, int maxKeywordBytes) throws IOException {
    Map<LocalDate, List<LogEvent>> byDay = new TreeMap<>();
    for (LogEvent event : events) {
      LocalDate day = Instant.EPOCH.plusNanos(event.timestamp()).atZone(ZoneOffset.UTC).toLocalDate();
      byDay.computeIfAbsent(day, d -> new ArrayList<>()).add(event);
    }
    EventDocumentBuilder documents = new EventDocumentBuilder(maxKeywordBytes);
    for (Map.Entry<LocalDate, List<LogEvent>> day : byDay.entrySet()) {
      EventBatch batch = EventBatch.encode(day.getValue());
      try (Directory directory = FSDirectory.open(storeDirectory.resolve(day.getKey().toString()));
          IndexWriter writer = new IndexWriter(directory, PartitionWriterConfig.forTier(Tier.HOT, 16))) {
        for (int i = 0; i < batch.events().size(); i++) {
          writer.addDocument(documents.document(batch, i, FieldBudget.UNLIMITED, PartitionSchema.PREVIOUS));
        }
        writer.commit();
      }
    }
  }
}
