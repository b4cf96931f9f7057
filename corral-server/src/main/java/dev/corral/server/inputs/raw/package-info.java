/**
 * The raw-lines input, {@code POST /api/v1/ingest/raw}: plain text, one event per line, parsed by the
 * processing pipeline the request or the rules select (nginx and Apache access logs, plain files).
 */
package dev.corral.server.inputs.raw;
