package dev.corral.store.search;

import java.io.IOException;
import java.util.SortedSet;

/**
 * The read side every store backend offers the server: the local Lucene partitions
 * ({@link dev.corral.store.StoreSearcher}) or an OpenSearch cluster (module corral-opensearch). The
 * search API, the trace view, dashboards, alert and recording rules and the "did you mean" hints read
 * only through it, so they work unchanged whatever the backend.
 *
 * <p>Contract: {@link #query} answers a {@link QueryRequest} as the in-memory evaluator would
 * ({@code dev.corral.query.eval.PlanEvaluator}) over the events indexed before the read began (a
 * backend documents how stale a read may be: the local store at most {@code store.refresh_interval});
 * it stops past the request's timeout with {@link QueryTimeoutException}, refuses what it cannot
 * answer within the request's limits with an {@link IllegalArgumentException} naming the part of the
 * query and the limit, and never returns partial results. {@link #export} streams every match of a
 * filter between two bounds, without a limit on their number ({@link ExportRun}). Thread-safe: called
 * concurrently from the query lanes.
 */
public interface EventSearch {
  /**
   * Runs a query.
   *
   * @throws QueryTimeoutException when it runs past {@link QueryRequest#timeout()}
   * @throws IllegalArgumentException when the backend cannot answer this query within its limits
   * @throws IOException when the index cannot be read
   */
  QueryResult query(QueryRequest request) throws IOException;

  /**
   * An export of every event {@code request} matches, oldest first, ready to run ({@link ExportRun#run}).
   * The filter is resolved and translated here, so a filter that cannot run fails now, before anything
   * is streamed; the store is read only by the run.
   *
   * @throws IllegalArgumentException when the filter cannot run as written (a full-text field where a
   *     value is needed, too complex a pattern, …), naming it
   */
  ExportRun export(ExportRequest request);

  /** Every event field name the store holds, sorted; for hints and field pickers. Cheap: cached by the backend. */
  SortedSet<String> fieldNames();
}
