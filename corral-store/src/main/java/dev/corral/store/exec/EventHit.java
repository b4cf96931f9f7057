package dev.corral.store.exec;

/**
 * One matching event located in a query's partitions.
 *
 * @param partition index in the query's partition list
 * @param doc top-level doc id in that partition's reader
 * @param timestamp the event's epoch nanoseconds
 */
record EventHit(int partition, int doc, long timestamp) {}
