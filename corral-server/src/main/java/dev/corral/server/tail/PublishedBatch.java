package dev.corral.server.tail;

import dev.corral.model.EventBatch;

/**
 * A durable batch as the write-ahead log handed it to the tails: the batch and where its record
 * lies in the log.
 *
 * @param position the WAL position of the batch's record
 * @param nextPosition the WAL position just after it: a stream that has accounted for this batch
 *     resumes there
 */
record PublishedBatch(long position, long nextPosition, EventBatch batch) {}
