/**
 * The in-memory evaluator: the reference semantics of Corral queries over plain events.
 * {@link dev.corral.query.eval.EventFilter} translates the typed filter of {@link
 * dev.corral.query.resolve} into a thread-safe predicate that matches exactly what the Lucene
 * store matches; {@link dev.corral.query.eval.PlanEvaluator} runs a whole plan (filter, event
 * pipes, aggregation, table pipes) with the group and table code of {@link dev.corral.query.agg}
 * and {@link dev.corral.query.table} that the store runs too, and writes down the ordering and
 * grouping rules. Used by the live tail and the differential test against the store (and, as they
 * arrive, by pipeline conditions and streaming alerts).
 */
package dev.corral.query.eval;
