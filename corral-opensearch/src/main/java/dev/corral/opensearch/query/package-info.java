/**
 * The OpenSearch store's read side: {@link dev.corral.opensearch.query.OpenSearchSearch}, the {@link
 * dev.corral.store.search.EventSearch} that answers Corral's queries from the daily indices exactly as the
 * in-memory evaluator answers them. The filter is translated node for node into the Query DSL ({@code
 * FilterTranslation}), event-stage wheres where OpenSearch decides them as Corral ({@code
 * WhereTranslation}), aggregations into composite aggregations whose buckets feed Corral's own
 * accumulators ({@code AggregationPushdown}); the rest runs in Corral after a bounded fetch ({@code
 * FetchedEvents}, corral-query's {@code PlanEvaluator}). An export pages through a point in time over
 * the days' indices ({@code PointInTimeExport}, {@code PointInTime}). Reaches the cluster only through a {@link
 * dev.corral.opensearch.query.SearchTransport} (the store's REST client: {@link
 * dev.corral.opensearch.query.ClientTransport}) and names fields only through {@code
 * dev.corral.opensearch.mapping}. docs/scale-out.md, "OpenSearch store: queries", says what runs where.
 */
package dev.corral.opensearch.query;
