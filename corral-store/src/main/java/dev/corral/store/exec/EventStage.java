package dev.corral.store.exec;

import dev.corral.query.plan.FieldsPipe;
import dev.corral.query.plan.HeadPipe;
import dev.corral.query.plan.Pipe;
import dev.corral.query.plan.SortPipe;
import dev.corral.query.plan.WherePipe;
import dev.corral.query.resolve.VisibleFields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;

/**
 * Applies the pipes before the aggregating pipe (or all pipes when there is none) to the events
 * of every partition, in order:
 *
 * <ul>
 *   <li>{@code where}: one more filter clause ({@link WhereClause}); false for every event when the
 *       field is hidden by an earlier {@code fields}.
 *   <li>{@code sort}: the order of later heads and of the result ({@link EventOrder}).
 *   <li>{@code head N}: keeps the first N events of the current order. When a {@code where},
 *       {@code sort} or an aggregation follows, those N events are found now and pinned by doc id
 *       ({@link DocSetQuery}); a trailing head only caps how many events are returned.
 *   <li>{@code fields}: narrows the visible fields ({@link VisibleFields}).
 * </ul>
 *
 * Stateless.
 */
final class EventStage {
  /**
   * Most events a head may pin before a later where, sort or aggregation: their doc ids and sort
   * values are held in memory (~100 bytes each), so 100k is about 10 MB.
   */
  static final int MAX_PINNED_HEAD = 100_000;

  private EventStage() {}

  /**
   * @param queries the filter within the time window, one per partition
   * @param pipes the event-stage pipes
   * @param pinTrailingHead whether an aggregation follows (so a last head must pin its events)
   */
  static EventSelection select(List<PartitionSearch> partitions, List<Query> queries, List<Pipe> pipes,
      boolean pinTrailingHead) throws IOException {
    List<Query> current = new ArrayList<>(queries);
    EventOrder order = EventOrder.NEWEST_FIRST;
    VisibleFields visibility = VisibleFields.ALL;
    int head = Integer.MAX_VALUE;
    for (Pipe pipe : pipes) {
      switch (pipe) {
        case WherePipe where -> {
          if (head != Integer.MAX_VALUE) {
            current = pin(partitions, current, order, head);
            head = Integer.MAX_VALUE;
          }
          Query clause = visibility.isVisible(where.column()) ? WhereClause.toFilter(where)
              : new MatchNoDocsQuery("field " + where.column() + " was removed by fields");
          current = and(current, clause);
        }
        case SortPipe sort -> {
          if (head != Integer.MAX_VALUE) {
            current = pin(partitions, current, order, head);
            head = Integer.MAX_VALUE;
          }
          order = EventOrder.of(sort.keys(), visibility);
        }
        case HeadPipe h -> head = Math.min(head, h.count());
        case FieldsPipe fields -> visibility = visibility.project(fields.names());
        default -> throw new IllegalStateException("BUG: " + pipe + " is not an event-stage pipe");
      }
    }
    if (pinTrailingHead && head != Integer.MAX_VALUE) {
      current = pin(partitions, current, order, head);
      head = Integer.MAX_VALUE;
    }
    return new EventSelection(current, order, head, visibility);
  }

  private static List<Query> pin(List<PartitionSearch> partitions, List<Query> queries, EventOrder order, int head)
      throws IOException {
    if (head > MAX_PINNED_HEAD) {
      throw new IllegalArgumentException("head " + head + " followed by where, sort or an aggregation keeps too many "
          + "events (limit " + MAX_PINNED_HEAD + "); use a smaller head or a filter instead");
    }
    List<EventHit> hits = EventFetcher.top(partitions, queries, order, head);
    List<List<Integer>> docs = new ArrayList<>();
    for (int p = 0; p < partitions.size(); p++) {
      docs.add(new ArrayList<>());
    }
    for (EventHit hit : hits) {
      docs.get(hit.partition()).add(hit.doc());
    }
    List<Query> pinned = new ArrayList<>(partitions.size());
    for (int p = 0; p < partitions.size(); p++) {
      int[] ids = docs.get(p).stream().mapToInt(Integer::intValue).toArray();
      pinned.add(ids.length == 0 ? new MatchNoDocsQuery("no events kept by head")
          : new DocSetQuery(partitions.get(p).searcher().getIndexReader(), ids));
    }
    return pinned;
  }

  private static List<Query> and(List<Query> queries, Query clause) {
    List<Query> combined = new ArrayList<>(queries.size());
    for (Query query : queries) {
      combined.add(new BooleanQuery.Builder().add(query, Occur.FILTER).add(clause, Occur.FILTER).build());
    }
    return combined;
  }
}
