/**
 * The protocols existing shippers and client libraries speak, one package each: {@code bulk}
 * (Elasticsearch/OpenSearch {@code _bulk}), {@code otlp} (OpenTelemetry logs over HTTP and gRPC),
 * {@code loki} (Loki push), {@code gelf} (GELF over HTTP). Each decodes its wire format,
 * normalizes to {@link dev.corral.model.LogEvent}s, and hands events and dead letters to
 * {@link dev.corral.server.ingest.IngestService#store}, the one durable path every input shares.
 */
package dev.corral.server.inputs;
