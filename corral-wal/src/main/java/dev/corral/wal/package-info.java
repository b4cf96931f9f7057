/**
 * The write-ahead log: Corral's acknowledgement point. {@link dev.corral.wal.WriteAheadLog}
 * appends opaque records to segment files under one directory, fsyncs them in groups (one
 * write and one {@code force} for every append that was waiting), and returns to the caller
 * only when the record would survive a kill -9 or a power loss. On open it recovers from a
 * crash at any byte by truncating the torn tail of the last segment.
 *
 * <p>Records are addressed by global logical byte positions that never repeat, so a consumer
 * can record "everything before position P is processed" and read on from P after a restart.
 * Readers are named consumers: live and essential ones pushed by the writer
 * ({@link dev.corral.wal.PushedConsumers}), followers reading on their own thread from a cursor the
 * WAL persists ({@link dev.corral.wal.WalFollower}). The WAL deletes a segment once every durable
 * consumer has passed it, or over its {@link dev.corral.wal.WalRetention} bound.
 * See {@code corral-wal/design.md} for the file layout, record format and failure modes.
 *
 * <p>Depends on nothing in Corral; payloads are bytes (the server stores canonical NDJSON).
 */
package dev.corral.wal;
