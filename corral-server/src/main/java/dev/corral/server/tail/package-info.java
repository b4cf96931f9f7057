/**
 * Live tail: events fan out to subscribers right after the write-ahead log made them durable,
 * through a {@link dev.corral.server.tail.TailHub} that never blocks ingest or the indexer. Each
 * subscriber filters its own events (the in-memory evaluator of corral-query), samples them down
 * to its rate limit and counts what it skipped; the HTTP layer turns its messages into
 * Server-Sent Events.
 */
package dev.corral.server.tail;
