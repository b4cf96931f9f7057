package dev.corral.store;

import dev.corral.model.EventBatch;
import dev.corral.store.index.EventDocumentBuilder;
import dev.corral.store.index.FieldBudget;
import dev.corral.store.index.PartitionSchema;
import java.io.IOException;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
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
 * <p>Events are added with one {@code addDocument} call each: each is independent, and partitions
 * written by older versions carry an index sort, under which Lucene's {@code addDocuments} would
 * treat a batch as a parent/child block and keep it together.
 *
 * <p>Writers: applied alongside other records, the indexer opens only writers it reserved slots for
 * ({@link WriterSlots}). Applied alone, it first closes least-recently-used writers when the cap is
 * reached, each through a commit labelled with the record's {@code nextPosition} if the record's
 * events of that day are all added already, else with its {@code position} (design.md, "Open
 * files"); so a record may touch any number of days.
 *
 * <p>Not thread-safe: one per indexer thread.
 */
final class BatchIndexer {
  private static final Logger log = LoggerFactory.getLogger(BatchIndexer.class);
  private static final long NANOS_PER_DAY = 86_400_000_000_000L;

  private final Partitions partitions;
  private final EventDocumentBuilder documents;
  /** Epoch days of the record applied alone whose events are all added. */
  private final Set<Long> completedDays = new HashSet<>();
  private int[] order = new int[256];
  private long[] days = new long[256];

  BatchIndexer(Partitions partitions, int maxKeywordBytes) {
    this.partitions = partitions;
    this.documents = new EventDocumentBuilder(maxKeywordBytes);
  }

  /**
   * Applies a record; returns the number of events added (skipped ones excluded).
   *
   * @param alone whether the caller applies it with no other record in flight (commit-round lock and
   *     write side of the apply lock held), so it may close writers to make room
   */
  int apply(SubmittedBatch submitted, boolean alone) throws IOException {
    completedDays.clear();
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
      return applyDay(submitted, days[0], 0, n, alone);
    }
    return applyByDay(submitted, n, alone);
  }

  /** Groups event indexes by day (stable within a day), then applies each group. */
  private int applyByDay(SubmittedBatch submitted, int n, boolean alone) throws IOException {
    int added = 0;
    int filled = 0;
    for (long day : submitted.days()) {
      int start = filled;
      for (int i = 0; i < n; i++) {
        if (days[i] == day) {
          order[filled++] = i;
        }
      }
      added += applyDay(submitted, day, start, filled, alone);
      completedDays.add(day);
    }
    return added;
  }

  private int applyDay(SubmittedBatch submitted, long epochDay, int from, int to, boolean alone) throws IOException {
    DailyPartition partition = partitions.getOrCreate(LocalDate.ofEpochDay(epochDay));
    if (submitted.position() < partition.committedPosition()) {
      return 0; // this record's events of the day are in the partition's last commit already
    }
    if (alone && !partition.hasWriter()) {
      partitions.writerSlots().makeRoom(partition, other ->
          completedDays.contains(other.day().toEpochDay()) ? submitted.nextPosition() : submitted.position());
    }
    IndexWriter writer = partition.writer();
    FieldBudget fields = partition.fields();
    PartitionSchema schema = partition.schema();
    EventBatch batch = submitted.batch();
    for (int k = from; k < to; k++) {
      int i = order[k];
      try {
        writer.addDocument(documents.document(batch, i, fields, schema));
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
