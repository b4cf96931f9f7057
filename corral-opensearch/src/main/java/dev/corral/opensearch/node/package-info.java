/**
 * Real OpenSearch nodes as child JVMs, for tests and the benchmark: {@link
 * dev.corral.opensearch.node.OpenSearchLauncher} finds the launcher that module
 * corral-bench-opensearch builds (OpenSearch's own jars, never on Corral's classpath), {@link
 * dev.corral.opensearch.node.OpenSearchProcess} starts one node on 127.0.0.1 and stops it. Nothing
 * in the store's write or read path uses this package.
 */
package dev.corral.opensearch.node;
