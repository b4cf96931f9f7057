package dev.corral.wal;

import java.util.concurrent.CompletableFuture;

/**
 * An append waiting in the writer's queue. The payload is not copied: its caller blocks until
 * {@code result} completes, so the array stays untouched while the writer reads it.
 *
 * @param result completed with the record's position, or exceptionally with a
 *     {@link WalException}
 */
record PendingAppend<T>(
    byte[] payload, int offset, int length, T context, CompletableFuture<Long> result) {

  long encodedBytes() {
    return RecordFormat.encodedBytes(length);
  }
}
