/**
 * The one-node OpenSearch launcher that {@code corral bench --peers opensearch} starts as a child
 * JVM ({@link dev.corral.bench.opensearch.OpenSearchNodeMain}). It lives in a module of its own
 * because OpenSearch brings its own Lucene, Jackson and protobuf, which must not meet Corral's on
 * one classpath.
 */
package dev.corral.bench.opensearch;
