/**
 * The one ingest path every input writes through: {@link dev.corral.server.ingest.IngestSink}
 * (admission once per request, the ingest window, the place where processing runs, the rate limits
 * of the sending key and of each service ({@link dev.corral.server.ingest.IngestRateLimits}), the
 * indexing backlog and the durable append to the write-ahead log), the typed {@link
 * dev.corral.server.ingest.Refusal}s it answers with, and the bounded reading of a request body.
 * It knows no protocol and imports no other server package but {@code metrics}, {@code limits}
 * (token buckets) and {@code auth} (a {@link dev.corral.server.ingest.Sender} is made from a key's
 * principal).
 */
package dev.corral.server.ingest;
