package dev.corral.store;

import dev.corral.model.EventBatch;

/**
 * A WAL record handed to the store, waiting in the indexing queue.
 *
 * @param position the record's WAL position
 * @param nextPosition the position of the record after it
 * @param batch its events
 * @param sequence 1-based submission order
 */
record SubmittedBatch(long position, long nextPosition, EventBatch batch, long sequence) {}
