/**
 * OpenSearch (or Elasticsearch) as Corral's store, for when one machine is not enough: an
 * implementation of {@link dev.corral.store.EventStore} that writes each durable WAL record to the
 * cluster with {@code _bulk} into daily indices made from an index template generated from the
 * canonical schema, under a lifecycle (ISM) policy that mirrors Corral's retention, and an
 * implementation of {@link dev.corral.store.search.EventSearch} that translates the query language
 * to the Query DSL and aggregations, running in Corral after the fetch what the DSL cannot express.
 * Talks to the cluster over its REST API only (the JDK's HTTP client and Jackson), so any
 * OpenSearch 2.x/3.x cluster, or Elasticsearch with the same API, can serve; the export (every match,
 * paged through a point in time with the {@code _shard_doc} tiebreak) needs OpenSearch 3.3 or later.
 */
package dev.corral.opensearch;
