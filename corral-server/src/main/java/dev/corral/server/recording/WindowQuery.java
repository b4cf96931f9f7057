package dev.corral.server.recording;

import dev.corral.query.plan.QueryPlan;
import dev.corral.query.table.Table;
import java.time.Instant;

/** Runs a rule's query over a time range: the query service in the server, a stand-in in unit tests. */
@FunctionalInterface
interface WindowQuery {
  /**
   * The table {@code plan} yields over the events with timestamps in {@code [from, to)}.
   *
   * @throws Exception whatever the query failed with (busy lanes, a timeout, an I/O error); an
   *     interrupted wait throws too, with the thread's interrupt flag set
   */
  Table table(QueryPlan plan, Instant from, Instant to) throws Exception;
}
