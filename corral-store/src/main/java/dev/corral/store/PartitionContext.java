package dev.corral.store;

/**
 * What every partition of a store shares: its writer settings, the registries that bound how many
 * partitions have a writer or a reader open (design.md, "Open files") and the field names each
 * partition's readers learnt.
 *
 * @param ramBufferMb Lucene's indexing buffer per open writer
 * @param maxFieldsPerPartition distinct field names a partition indexes ({@link StoreLimits})
 * @param writers the partitions with an open writer
 * @param readers the partitions open for search only
 * @param fieldNames the event field names of every partition
 */
record PartitionContext(int ramBufferMb, int maxFieldsPerPartition, WriterSlots writers, ReaderSlots readers,
    FieldNameCache fieldNames) {
  static PartitionContext of(StoreConfig config) {
    StoreLimits limits = config.limits();
    return new PartitionContext(config.ramBufferMb(), limits.maxFieldsPerPartition(),
        new WriterSlots(limits.maxOpenWriters()), new ReaderSlots(limits.maxOpenReaders()), new FieldNameCache());
  }
}
