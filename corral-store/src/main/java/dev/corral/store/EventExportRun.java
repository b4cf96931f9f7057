package dev.corral.store;

import dev.corral.store.exec.EventExport;
import dev.corral.store.exec.PartitionSnapshot;
import dev.corral.store.search.EventSink;
import dev.corral.store.search.ExportRequest;
import dev.corral.store.search.ExportRun;
import dev.corral.store.search.ExportSummary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.search.Query;

/**
 * One export of the local store ({@link StoreSearcher#export}), its filter resolved, ready to stream:
 * the local {@link ExportRun}.
 *
 * <p>How {@link #run} keeps the contract: every event the request matches goes to the sink, oldest first,
 * whatever their number: day by day from the oldest, each day in pages ({@link EventExport}), so
 * memory holds one page. Each day's partition is held (reference-counted, like a query's) only
 * while it is read and released before the next is taken, so a long export keeps no day it has
 * passed from being compacted or dropped; a day shows the events searchable when its turn comes.
 * Archived days no longer in the store are not read. Run it once, from one thread.
 */
public final class EventExportRun implements ExportRun {
  private final LogStore store;
  private final Partitions partitions;
  private final ExportRequest request;
  private final Query filter;

  EventExportRun(LogStore store, Partitions partitions, ExportRequest request, Query filter) {
    this.store = store;
    this.partitions = partitions;
    this.request = request;
    this.filter = filter;
  }

  @Override
  public ExportSummary run(EventSink sink) throws IOException {
    store.ensureOpen();
    List<DailyPartition> oldestFirst = partitions.overlapping(request.fromNanos(), request.toNanos()).reversed();
    List<String> read = new ArrayList<>();
    long exported = 0;
    for (DailyPartition partition : oldestFirst) {
      try (AcquiredSearcher searcher = partition.acquire()) {
        if (searcher == null) {
          continue; // no index yet, or dropped since the list was taken
        }
        PartitionSnapshot snapshot = new PartitionSnapshot(partition.day().toString(),
            searcher.searcher().getIndexReader(), DayBounds.firstNanos(partition.day()),
            DayBounds.lastNanos(partition.day()));
        exported += EventExport.partition(snapshot, filter, request, sink);
        read.add(snapshot.day());
      }
    }
    return new ExportSummary(exported, read);
  }
}
