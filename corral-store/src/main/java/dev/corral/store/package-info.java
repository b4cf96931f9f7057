/**
 * The Corral log store: WAL records in, searchable events out.
 *
 * <p>Three faces over one directory of daily partitions ({@code DailyPartition}, one Lucene index
 * per UTC day under {@code data/partitions/YYYY-MM-DD/}; design.md beside this module's pom):
 * <ul>
 *   <li>{@link dev.corral.store.LogStore}, the writer: indexes submitted WAL records on a pool of
 *       named indexer threads and commits in rounds that label each Lucene commit with the WAL
 *       position it contains, so a restart replays exactly what is missing; its checkpoint is the
 *       WAL's {@code indexer} cursor; one failure state and the recovery from it;
 *   <li>{@link dev.corral.store.StoreSearcher}, the read side: near-real-time refresh, reference-
 *       counted snapshots, {@link dev.corral.store.StoreSearcher#query} (the one read entry point:
 *       filter and pipes, run by {@link dev.corral.store.exec}) and the field names kept per refresh;
 *   <li>{@link dev.corral.store.PartitionLifecycle}: hot to warm compaction and dropping a day.
 * </ul>
 * The typed filter of corral-query becomes a Lucene query in {@link dev.corral.store.query} over
 * the field mapping of {@link dev.corral.store.index}; the request and result types shared with
 * callers are in {@link dev.corral.store.search}. This package calls {@code exec}; {@code exec}
 * never imports this package.
 */
package dev.corral.store;
