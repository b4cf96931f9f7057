package dev.corral.store.exec;

import dev.corral.query.resolve.FilterResolver;
import dev.corral.store.query.LuceneQueryBuilder;
import dev.corral.store.search.EventSink;
import dev.corral.store.search.ExportRequest;
import dev.corral.store.search.StoredEvent;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopFieldDocs;

/**
 * Streams every event of one partition that an {@link ExportRequest} matches, oldest first, a page at
 * a time: each page is the next {@code pageSize} hits after the last one handed out (Lucene's search
 * after: by timestamp, ties by document id, exact because the partition's reader stays the same for
 * the whole partition), their sources read and handed to the sink before the next page is found.
 * So memory holds one page whatever the number of events, and a sink that fails (the client went
 * away) stops the export within one page. Each page gets its own deadline of {@link
 * ExportRequest#pageTimeout()}. Stateless; the caller holds the partition's reader for the call.
 */
public final class EventExport {
  private EventExport() {}

  /** The request's filter as a Lucene query, built once per export. */
  public static Query luceneFilter(ExportRequest request) {
    return LuceneQueryBuilder.build(FilterResolver.resolve(request.filter(), request.now()));
  }

  /**
   * The sources of {@code docs} (a page in time order), read in document order and returned in time
   * order: a warm partition keeps each service's events together, so a page of consecutive times
   * jumps between the services' compressed chunks; read in document order, each chunk is
   * decompressed once per page instead of once per event.
   */
  private static StoredEvent[] loadInTimeOrder(PartitionSearch search, ScoreDoc[] docs, QueryDeadline deadline)
      throws IOException {
    Integer[] byDoc = new Integer[docs.length];
    for (int i = 0; i < docs.length; i++) {
      byDoc[i] = i;
    }
    Arrays.sort(byDoc, Comparator.comparingInt(i -> docs[i].doc));
    List<EventHit> hits = new ArrayList<>(docs.length);
    for (int i : byDoc) {
      hits.add(new EventHit(0, docs[i].doc, (Long) ((FieldDoc) docs[i]).fields[0]));
    }
    List<StoredEvent> loaded = EventFetcher.load(List.of(search), hits, deadline);
    StoredEvent[] inTimeOrder = new StoredEvent[docs.length];
    for (int k = 0; k < byDoc.length; k++) {
      inTimeOrder[byDoc[k]] = loaded.get(k);
    }
    return inTimeOrder;
  }

  /**
   * Hands {@code sink} every event of {@code partition} that {@code filter} matches inside the
   * request's window, oldest first.
   *
   * @param filter {@link #luceneFilter} of the request
   * @return the events handed out
   * @throws dev.corral.store.search.QueryTimeoutException when a page takes longer than the page timeout
   * @throws InterruptedIOException when the thread is interrupted (the export is cancelled)
   * @throws IOException from the sink (the client went away) or from reading the index
   */
  public static long partition(PartitionSnapshot partition, Query filter, ExportRequest request, EventSink sink)
      throws IOException {
    long exported = 0;
    FieldDoc after = null;
    while (true) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedIOException("export interrupted in partition " + partition.day());
      }
      QueryDeadline deadline = QueryDeadline.after(request.pageTimeout());
      PartitionSearch search = new PartitionSearch(partition, deadline);
      Query query = search.withinWindow(filter, request.fromNanos(), request.toNanos());
      TopFieldDocs page = search.topAfter(query, after, request.pageSize(), EventOrder.OLDEST_FIRST.sort());
      if (page.scoreDocs.length == 0) {
        return exported;
      }
      for (StoredEvent event : loadInTimeOrder(search, page.scoreDocs, deadline)) {
        sink.accept(event);
      }
      exported += page.scoreDocs.length;
      if (page.scoreDocs.length < request.pageSize()) {
        return exported;
      }
      after = (FieldDoc) page.scoreDocs[page.scoreDocs.length - 1];
    }
  }
}
