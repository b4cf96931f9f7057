package dev.corral.store;

import dev.corral.model.EventBatch;
import dev.corral.store.index.EventDocumentBuilder;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Arrays;
import org.apache.lucene.index.IndexWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds the events of one WAL record to the partitions of their UTC days, skipping a day whose
 * partition already committed this record (its {@link DailyPartition#committedPosition()} is above
 * the record's position; see design.md).
 *
 * <p>If Lucene rejects a document without harm to the writer (a non-aborting error), the event is
 * kept with its timestamp, level and source only, so that no acknowledged event is lost. Any other
 * error is thrown: the store then stops taking writes.
 *
 * <p>Events are added with one {@code addDocument} call each: with index sorting, Lucene's
 * {@code addDocuments} would treat a batch as a parent/child block and keep it together.
 *
 * <p>Not thread-safe: one per indexer thread.
 */
final class BatchIndexer {
  private static final Logger log = LoggerFactory.getLogger(BatchIndexer.class);
  private static final long NANOS_PER_DAY = 86_400_000_000_000L;

  private final Partitions partitions;
  private final EventDocumentBuilder documents;
  private int[] order = new int[256];
  private long[] days = new long[256];

  BatchIndexer(Partitions partitions, int maxKeywordBytes) {
    this.partitions = partitions;
    this.documents = new EventDocumentBuilder(maxKeywordBytes);
  }

  /** Applies a record; returns the number of events added (skipped ones excluded). */
  int apply(SubmittedBatch submitted) throws IOException {
    EventBatch batch = submitted.batch();
    int n = batch.size();
    if (n == 0) {
      return 0;
    }
    if (order.length < n) {
      order = new int[Math.max(n, order.length * 2)];
      days = new long[order.length];
    }
    boolean oneDay = true;
    for (int i = 0; i < n; i++) {
      days[i] = Math.floorDiv(batch.events().get(i).timestamp(), NANOS_PER_DAY);
      oneDay &= days[i] == days[0];
    }
    if (oneDay) {
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      return applyDay(submitted, days[0], 0, n);
    }
    return applyByDay(submitted, n);
  }

  /** Groups event indexes by day (stable within a day), then applies each group. */
  private int applyByDay(SubmittedBatch submitted, int n) throws IOException {
    long[] distinct = Arrays.stream(days, 0, n).distinct().toArray();
    int added = 0;
    int filled = 0;
    for (long day : distinct) {
      int start = filled;
      for (int i = 0; i < n; i++) {
        if (days[i] == day) {
          order[filled++] = i;
        }
      }
      added += applyDay(submitted, day, start, filled);
    }
    return added;
  }

  private int applyDay(SubmittedBatch submitted, long epochDay, int from, int to) throws IOException {
    DailyPartition partition = partitions.getOrCreate(LocalDate.ofEpochDay(epochDay));
    if (submitted.position() < partition.committedPosition()) {
      return 0; // this record's events of the day are in the partition's last commit already
    }
    IndexWriter writer = partition.writer();
    EventBatch batch = submitted.batch();
    for (int k = from; k < to; k++) {
      int i = order[k];
      try {
        writer.addDocument(documents.document(batch, i));
      } catch (RuntimeException e) {
        if (!writer.isOpen() || writer.getTragicException() != null) {
          throw e;
        }
        log.atWarn().addKeyValue("partition", partition.day()).addKeyValue("position", submitted.position())
            .addKeyValue("line", i).addKeyValue("reason", e.toString())
            .log("document rejected by Lucene; stored with timestamp, level and source only");
        writer.addDocument(documents.fallbackDocument(batch, i));
      }
    }
    return to - from;
  }
}
