/**
 * The in-memory evaluator: the reference semantics of Corral queries over plain events.
 * {@link dev.corral.query.eval.EventFilter} compiles a filter AST into a thread-safe predicate that
 * matches exactly what the Lucene store matches; {@link dev.corral.query.eval.PlanEvaluator} runs
 * a whole plan (filter, event pipes, aggregation, table pipes) and writes down the ordering and
 * grouping rules the store follows. Used by pipeline conditions, live tail, streaming alerts and
 * the differential test against the store.
 */
package dev.corral.query.eval;
