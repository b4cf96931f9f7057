/**
 * Accumulators: the incremental, mergeable state of one aggregation over one group. The store
 * feeds them from Lucene doc values and the in-memory evaluator from events, so both compute
 * identical results from identical inputs. Percentiles use Apache DataSketches KLL and distinct
 * counts HyperLogLog; their error bounds are documented on the implementing classes.
 * {@link dev.corral.query.agg.Accumulators} creates them and states the feeding rules; {@link
 * dev.corral.query.agg.CappedGroups} keeps the groups of a grouped aggregation under a cap, the
 * same groups whatever order events come in; {@link dev.corral.query.table.NumberText} is the text
 * form in which numbers become group values and distinct keys.
 */
package dev.corral.query.agg;
