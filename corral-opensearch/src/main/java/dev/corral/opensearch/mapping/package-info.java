/**
 * The mappings of Corral's indices in OpenSearch ({@link dev.corral.opensearch.mapping.EventMappings}):
 * how each canonical event field is indexed so that a query means on OpenSearch what it means on the
 * local Lucene store. The write side puts these mappings into its index template; the read side
 * ({@code dev.corral.opensearch.query}) names fields only through this package, so the two cannot
 * drift apart. Plain values and Jackson trees; no I/O.
 */
package dev.corral.opensearch.mapping;
