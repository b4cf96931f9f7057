/**
 * What every input shares: the {@link dev.corral.server.inputs.Input} contract, where an input
 * listens ({@link dev.corral.server.inputs.Endpoint}), the HTTP envelope of the HTTP inputs
 * ({@link dev.corral.server.inputs.HttpEnvelope}: media types, bounded and decompressed bodies,
 * refusals counted and answered) and error excerpts. The protocols live one package each below it
 * ({@code ndjson}, {@code bulk}, {@code otlp}, {@code loki}, {@code gelf}, {@code syslog},
 * {@code fluent}, with the shared socket listeners in {@code socket}); each decodes its wire format
 * and writes events and dead letters only to the {@link dev.corral.server.ingest.IngestSink}.
 * {@code catalog} builds the configured inputs. Imports {@code ingest}, {@code http} and
 * {@code service}; never the server's root classes or the store.
 */
package dev.corral.server.inputs;
