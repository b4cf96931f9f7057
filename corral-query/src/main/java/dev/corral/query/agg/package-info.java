/**
 * Accumulators: the incremental, mergeable state of one aggregation over one group. The store
 * feeds them from Lucene doc values and the in-memory evaluator from events, so both compute
 * identical results from identical inputs. Percentiles use Apache DataSketches KLL and distinct
 * counts HyperLogLog; their error bounds are documented on the implementing classes.
 */
package dev.corral.query.agg;
