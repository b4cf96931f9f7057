package dev.corral.opensearch.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.model.CanonicalJson;
import dev.corral.model.FieldNames;
import dev.corral.model.LogEvent;
import dev.corral.store.search.EventSink;
import dev.corral.store.search.ExportRequest;
import dev.corral.store.search.ExportRun;
import dev.corral.store.search.ExportSummary;
import dev.corral.store.search.StoredEvent;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.function.Predicate;

/**
 * One export of the OpenSearch store ({@link OpenSearchSearch#export}): every event the request matches,
 * oldest first, with no bound on their number (a search alone returns at most {@code
 * index.max_result_window} hits).
 *
 * <ol>
 *   <li>The days whose index exists and overlaps the bounds are listed ({@link DailyIndices}); none, and
 *       the export is empty without asking more.
 *   <li>A {@link PointInTime} is opened over those indices: every page reads the same segments, so an event
 *       indexed or a merge made during the export neither repeats nor hides one.
 *   <li>Pages of {@link ExportRequest#pageSize()} hits sorted by {@code timestamp}, ties by {@code
 *       _shard_doc} (unique within the point in time), each after the last hit of the page before ({@code
 *       search_after}), each within {@link ExportRequest#pageTimeout()}; a page with fewer hits is the last.
 *       {@code _shard_doc} needs OpenSearch {@value #MIN_VERSION} or later; an older cluster refuses the
 *       first page, which fails the export with an {@link IOException} saying so.
 *   <li>Each hit is rebuilt as a query returns it and re-checked with Corral's own filter and bounds
 *       ({@link ExactCheck}), as a search's are, before it goes to the sink.
 *   <li>The point in time is deleted when the run ends, whether it completed, failed (a page past its
 *       timeout, a cluster gone) or was cancelled (the sink threw, the thread was interrupted).
 * </ol>
 *
 * The summary's {@code partitionsRead} is the days listed in step 1, oldest first. Run it once, from one thread.
 */
final class PointInTimeExport implements ExportRun {
  private static final ObjectMapper MAPPER = new ObjectMapper(CanonicalJson.FACTORY);
  /** The first OpenSearch that sorts on {@code _shard_doc}, the tiebreak unique within a point in time. */
  static final String MIN_VERSION = "3.3";

  private final SearchTransport transport;
  private final DailyIndices indices;
  private final ClusterSearch cluster;
  private final ExportRequest request;
  private final ObjectNode query;
  private final ExactCheck exact;

  /**
   * @param query the request's filter and bounds in the Query DSL
   * @param exact the request's filter compiled by corral-query
   */
  PointInTimeExport(SearchTransport transport, DailyIndices indices, ClusterSearch cluster, ExportRequest request,
      ObjectNode query, Predicate<LogEvent> exact) {
    this.transport = transport;
    this.indices = indices;
    this.cluster = cluster;
    this.request = request;
    this.query = query;
    this.exact = new ExactCheck(exact, request.fromNanos(), request.toNanos());
  }

  @Override
  public ExportSummary run(EventSink sink) throws IOException {
    List<String> days = indices.daysOverlapping(transport, request.fromNanos(), request.toNanos(),
        Deadline.after(request.pageTimeout())).reversed();
    if (days.isEmpty()) {
      return new ExportSummary(0, List.of());
    }
    long exported = 0;
    try (PointInTime pit = PointInTime.open(transport, days.stream().map(indices::index).toList())) {
      byte[] after = null;
      SearchHits page;
      do {
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedIOException("export interrupted after " + exported + " events");
        }
        page = page(pit, after);
        pit.update(page.pitId());
        exported += handOut(page.sources(), sink);
        after = page.lastSort();
      } while (page.sources().size() == request.pageSize());
    }
    return new ExportSummary(exported, days);
  }

  /**
   * The page after the hit whose sort values are {@code after}. A cluster that refuses the sort on {@code
   * _shard_doc} cannot serve exports: an {@link IOException} saying which version it needs; any other refusal
   * goes up as the cluster worded it.
   */
  private SearchHits page(PointInTime pit, byte[] after) throws IOException {
    try {
      return cluster.page(pageBody(pit, after), Deadline.after(request.pageTimeout()));
    } catch (IllegalArgumentException refused) {
      if (refused.getMessage() == null || !refused.getMessage().contains("_shard_doc")) {
        throw refused;
      }
      throw new IOException("the export needs OpenSearch " + MIN_VERSION + " or later (a point in time sorted on "
          + "_shard_doc): " + refused.getMessage(), refused);
    }
  }

  /** The page after the hit whose sort values are {@code after} (null: the first page). */
  private ObjectNode pageBody(PointInTime pit, byte[] after) throws IOException {
    ObjectNode body = MAPPER.createObjectNode();
    body.set("query", query);
    body.put("size", request.pageSize());
    body.put("track_total_hits", false);
    body.set("pit", pit.reference());
    body.putArray("sort").add(ascending(FieldNames.TIMESTAMP)).add(ascending("_shard_doc"));
    if (after != null) {
      body.set("search_after", MAPPER.readTree(after));
    }
    return body;
  }

  private static ObjectNode ascending(String field) {
    ObjectNode sort = MAPPER.createObjectNode();
    sort.putObject(field).put("order", "asc");
    return sort;
  }

  /** Hands {@code sink} the page's events that Corral's filter keeps, in the page's order; returns how many. */
  private long handOut(List<byte[]> sources, EventSink sink) throws IOException {
    long handed = 0;
    for (byte[] stored : sources) {
      ExactCheck.Hit hit = exact.kept(stored);
      if (hit != null) {
        sink.accept(new StoredEvent(hit.event().timestamp(), hit.source()));
        handed++;
      }
    }
    return handed;
  }
}
