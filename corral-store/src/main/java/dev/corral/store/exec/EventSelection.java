package dev.corral.store.exec;

import dev.corral.query.resolve.VisibleFields;
import java.util.List;
import org.apache.lucene.search.Query;

/**
 * The events that the event-stage pipes select: one Lucene query per partition, their order, how
 * many of them a trailing {@code | head} keeps and which fields are visible.
 *
 * @param queries one per partition of the query, same order
 * @param order the order of the last {@code | sort} (newest first without one)
 * @param head how many events a trailing {@code | head} keeps; {@link Integer#MAX_VALUE} for all
 * @param visibility the fields left by {@code | fields} pipes
 */
record EventSelection(List<Query> queries, EventOrder order, int head, VisibleFields visibility) {
  EventSelection {
    queries = List.copyOf(queries);
  }
}
