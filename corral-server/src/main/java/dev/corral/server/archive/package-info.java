/**
 * The archive of whole day partitions to an S3-compatible object store (docs/operations.md,
 * "Archive"): {@link dev.corral.server.archive.ArchiveService} runs passes that snapshot warm days
 * (the store's {@code PartitionSnapshot}), upload their Lucene files and a manifest, verify them by
 * reading them back, record them in {@code data/archive/state.json}, and later remove them from the
 * local disk. {@code ArchiveBucket} is the only class that uses the AWS SDK.
 */
package dev.corral.server.archive;
