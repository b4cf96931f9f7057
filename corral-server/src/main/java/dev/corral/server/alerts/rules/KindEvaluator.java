package dev.corral.server.alerts.rules;

import dev.corral.server.search.QueryBusyException;
import java.io.IOException;

/** Evaluates the rules of one kind over one window. Thread-safe: called from several evaluation threads. */
interface KindEvaluator {
  /**
   * @throws IOException, QueryBusyException, or a runtime exception of the query service (timeout, cost,
   *     syntax): the evaluation fails with that message
   */
  Outcome evaluate(CompiledRule rule, Window window, Budget budget) throws IOException, QueryBusyException;
}
