/**
 * The Corral log store: WAL records in, searchable events out.
 *
 * <p>{@link dev.corral.store.LogStore} keeps one Lucene index per UTC day ({@code DailyPartition})
 * under {@code data/partitions/YYYY-MM-DD/}, indexes submitted WAL records on a pool of named
 * indexer threads, refreshes for near-real-time search and commits in rounds that label each Lucene
 * commit with the WAL position it contains, so a restart replays exactly what is missing
 * (design.md beside this module's pom). Searches translate the query AST ({@link
 * dev.corral.store.query}) over the field mapping of {@link dev.corral.store.index}. Full queries
 * with pipes ({@link dev.corral.store.StoreSearcher#query}: stats, timechart, top, sort, head, where,
 * fields) and trace lookups run in {@link dev.corral.store.exec}; the request and result types
 * they share with callers are in {@link dev.corral.store.search}. This package calls {@code
 * exec}; {@code exec} never imports this package.
 */
package dev.corral.store;
