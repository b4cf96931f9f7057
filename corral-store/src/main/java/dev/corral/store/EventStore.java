package dev.corral.store;

import dev.corral.model.EventBatch;
import dev.corral.store.search.EventSearch;
import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Where durable WAL records become searchable events, whatever the backend: the local Lucene
 * partitions ({@link LogStore}) or an OpenSearch cluster (module corral-opensearch). It is the WAL's
 * essential consumer: the server hands it every record after the record's fsync, in WAL order, and
 * replays from {@link #checkpoint()} on start.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #submit} queues a record and returns at once; records come in WAL order (positions
 *       never go backwards, except when a replay starts again at or above the checkpoint).
 *   <li>Exactly once: {@link #checkpoint()} is a WAL position below which every record is durably in
 *       the store; a record replayed from the checkpoint is never stored twice (the local store
 *       compares each partition's committed position; OpenSearch writes each event under a
 *       deterministic {@code _id}, so a second write overwrites). The checkpoint never passes a
 *       record the store has not durably taken.
 *   <li>Failure: when the store cannot take writes (a Lucene index error, a cluster that is down)
 *       {@link #failure()} says why, {@link #submit} throws an {@link java.io.UncheckedIOException}
 *       wrapping a {@link StoreException}, and ingest backs up in the WAL; given a {@link WalReplay}
 *       ({@link #recoverWith}) the store retries by itself and replays from its checkpoint.
 *   <li>{@link #pendingEvents()} is the admission backlog: events submitted and not yet taken.
 * </ul>
 * Thread-safe.
 */
public interface EventStore extends Closeable {
  /** The WAL position from which a restart must replay; 0 for a new store. */
  long checkpoint();

  /**
   * Queues a durable WAL record for indexing and returns at once.
   *
   * @param nextPosition the position just after the record
   * @throws IllegalArgumentException when positions go backwards
   * @throws java.io.UncheckedIOException wrapping a {@link StoreException} when the store stopped taking writes
   */
  void submit(long position, long nextPosition, EventBatch batch);

  /** Lets the store recover by itself after it stopped taking writes, reading the WAL through {@code replay}. */
  void recoverWith(WalReplay replay);

  /**
   * Blocks until every record submitted before the call is stored and visible to search.
   *
   * @throws StoreException when the store stopped taking writes meanwhile
   */
  void awaitIndexed() throws InterruptedException, IOException;

  /**
   * Blocks until every record submitted before the call is stored and every read that begins after
   * this returns sees it, at the lowest cost to the store (no forced refresh where the backend can avoid it).
   *
   * @throws StoreException when the store stopped taking writes meanwhile
   */
  void awaitReadable() throws InterruptedException, IOException;

  /** Events submitted but not yet taken by the backend: for admission control. */
  long pendingEvents();

  /** How long the oldest record submitted and not yet taken has waited, in nanoseconds; 0 when none waits. */
  long indexingLagNanos();

  /** Why the store does not take writes now, if it does not. */
  Optional<StoreException> failure();

  /** The read side. */
  EventSearch search();

  /**
   * What the backend reports under {@code store} in the server's stats, beside {@code stopped}
   * (e.g. the cluster's URLs and the indices written); the local store's partitions are listed by the server itself.
   */
  default Map<String, Object> stats() {
    return Map.of();
  }
}
