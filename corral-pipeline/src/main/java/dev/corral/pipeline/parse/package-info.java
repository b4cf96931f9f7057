/**
 * The parsing and enrichment processors: {@code grok} (named regular-expression patterns, the
 * Logstash/Elasticsearch pattern library), {@code redact} (PII masking before anything reaches the
 * disk), {@code user_agent} (browser, OS and device from a User-Agent header) and {@code geoip}
 * (location and network owner of an IP address from a MaxMind database). Each is a {@link
 * dev.corral.pipeline.ProcessorFactory} taking Elasticsearch's ingest option names; each
 * processor it builds is immutable and safe to run on several threads at once. Regular
 * expressions run under a time budget, so a catastrophic pattern fails one event instead of
 * stalling ingest.
 */
package dev.corral.pipeline.parse;
