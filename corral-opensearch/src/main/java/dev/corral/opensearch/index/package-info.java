/**
 * The write side of the OpenSearch store ({@link dev.corral.opensearch.index.OpenSearchStore}, the
 * WAL's essential consumer): daily indices, deterministic document ids, {@code _bulk} with per-item
 * retries and dead letters, the per-index field limit, the checkpoint, the index template and the
 * lifecycle (an ISM policy, or Corral's own pass on a cluster without ISM). docs/scale-out.md,
 * "OpenSearch store: writing", has the whole story.
 */
package dev.corral.opensearch.index;
