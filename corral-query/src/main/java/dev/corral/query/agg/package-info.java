/**
 * Aggregation, shared by every back end. Accumulators are the incremental, mergeable state of one
 * aggregation over one group; percentiles use Apache DataSketches KLL and distinct counts
 * HyperLogLog, their error bounds documented on the implementing classes. {@link
 * dev.corral.query.agg.Accumulators} creates them and states the feeding rules. Groups: a back end
 * computes each event's {@link dev.corral.query.agg.GroupKey} (the store from doc values, the
 * in-memory evaluator from events) and feeds the {@link dev.corral.query.agg.Group} of a {@link
 * dev.corral.query.agg.GroupTable}, which bounds memory; {@link dev.corral.query.agg.StatsTable}
 * and {@link dev.corral.query.agg.TopTable} turn the groups into the result table, applying the
 * group cap of {@link dev.corral.query.agg.GroupCap}. So both back ends order, cap and fold groups
 * with one piece of code.
 *
 * <p>Direction: {@code agg} depends on {@code table} (it produces table cells) and {@code plan}
 * (the aggregations it computes), never the reverse.
 */
package dev.corral.query.agg;
