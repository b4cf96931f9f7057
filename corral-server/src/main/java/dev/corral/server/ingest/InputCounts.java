package dev.corral.server.ingest;

/** What one input stored through the {@link IngestSink} and had refused, since start. */
public record InputCounts(long events, long deadLetters, long refusedRequests) {}
