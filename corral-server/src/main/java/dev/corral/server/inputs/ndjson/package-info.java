/**
 * Corral's native input: {@code POST /api/v1/ingest} with NDJSON or a JSON array of events, decoded
 * by the model's {@code IngestBody} and written to the {@code IngestSink}.
 */
package dev.corral.server.inputs.ndjson;
