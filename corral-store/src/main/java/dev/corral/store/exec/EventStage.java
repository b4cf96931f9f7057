package dev.corral.store.exec;

import dev.corral.query.resolve.EventStep;
import dev.corral.query.resolve.EventSteps;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;

/**
 * Applies the event stage of a plan — {@link EventSteps}, resolved in corral-query, which decides
 * visibility, refusals and which heads keep events — to the Lucene queries of every partition,
 * step by step, as the in-memory evaluator applies the same steps to a list of events:
 *
 * <ul>
 *   <li>{@link EventStep.Where}: one more filter clause ({@link WhereClause}); false for every
 *       event when the field is hidden.
 *   <li>{@link EventStep.Sort}: the order of later heads and of the result ({@link EventOrder}).
 *   <li>{@link EventStep.Head}: the first N events of the current order are found now and pinned
 *       by doc id ({@link DocSetQuery}); the steps' trailing {@code limit} only caps how many
 *       events are returned.
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

  /** @param queries the filter within the time window, one per partition */
  static EventSelection select(List<PartitionSearch> partitions, List<Query> queries, EventSteps steps)
      throws IOException {
    List<Query> current = new ArrayList<>(queries);
    EventOrder order = EventOrder.NEWEST_FIRST;
    for (EventStep step : steps.steps()) {
      switch (step) {
        case EventStep.Where where -> current = and(current, where.field() == null
            ? new MatchNoDocsQuery("a field removed by fields") : WhereClause.toFilter(where));
        case EventStep.Sort sort -> order = EventOrder.of(sort.keys());
        case EventStep.Head head -> current = pin(partitions, current, order, head.count());
        case EventStep.Extract extract -> throw new IllegalStateException(
            "BUG: extraction steps run in ExtractionStage, over the events' sources");
        case EventStep.Eval eval -> throw new IllegalStateException(
            "BUG: eval steps run in ExtractionStage, over the events' sources");
        case EventStep.Condition condition -> throw new IllegalStateException(
            "BUG: where expressions run in ExtractionStage, over the events' sources");
      }
    }
    return new EventSelection(current, order, steps.limit(), steps.visible());
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
