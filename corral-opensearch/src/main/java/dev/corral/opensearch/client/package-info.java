/**
 * The cluster's REST API over the JDK's HTTP client and Jackson ({@link
 * dev.corral.opensearch.client.OpenSearchClient}): several URLs with failover, retries of 429/5xx
 * with backoff, basic auth, TLS with a CA file and hostname verification, and errors that name the
 * node, the request, the status and OpenSearch's own reason, never the password. No OpenSearch
 * client library: its jars bring a second Lucene and Jackson.
 */
package dev.corral.opensearch.client;
