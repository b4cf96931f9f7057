/**
 * Live tail: events fan out to subscribers right after the write-ahead log made them durable,
 * through a {@link dev.corral.server.tail.TailHub} that never blocks ingest or the indexer. One
 * low-priority platform thread runs every subscriber's filter (the in-memory evaluator of
 * corral-query) within a CPU budget per tail per tick; each subscriber samples the matches down to
 * its rate limit and counts what it skipped; one client holds at most its share of the slots. The
 * HTTP layer turns the messages into Server-Sent Events whose ids are WAL positions: a client that
 * reconnects with {@code Last-Event-ID} gets the matching events it missed read back from the
 * write-ahead log ({@code TailReplay}, bounded, gaps announced) before the
 * live stream, with none sent twice.
 */
package dev.corral.server.tail;
