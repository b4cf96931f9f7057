/**
 * Query execution: runs a {@link dev.corral.query.plan.QueryPlan} over the Lucene readers of the
 * daily partitions a query overlaps.
 *
 * <p>{@link dev.corral.store.exec.PlanExecutor} is the entry point ({@code StoreSearcher.query} calls it
 * with the readers it acquired and releases them after). It translates what corral-query
 * resolved: the typed filter becomes a Lucene query ({@code store.query.LuceneQueryBuilder}), the
 * event steps Lucene clauses, sorts and pinned doc ids ({@link dev.corral.store.exec.EventStage});
 * an aggregating pipe's grouping runs one {@link org.apache.lucene.search.CollectorManager} pass
 * over every matching document, reading doc values only ({@link
 * dev.corral.store.exec.AggregationCollectorManager}), into the shared group table; table-stage
 * pipes run on the resulting table with the shared {@code TableOps}. {@link
 * dev.corral.store.exec.QueryDeadline} cancels a query that runs past its timeout. Internal to the
 * store: public only so that {@code dev.corral.store} can call it. See design.md, "Query execution".
 *
 * <p>Direction: {@code dev.corral.store} calls this package, never the reverse; the request and
 * result types both sides share live in {@link dev.corral.store.search}, and the query rules
 * (typed query, visibility, spans, grouping) in {@code corral-query}.
 */
package dev.corral.store.exec;
