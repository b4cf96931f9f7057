package dev.corral.bench;

import java.io.IOException;

/**
 * A system under test: one column of the results table. An implementation is started (and owns
 * whatever process or index it needs) before {@link #ingest}, answers {@link #query} after it, and
 * releases everything on {@link #close}. Called from one thread; its own clients may be concurrent.
 */
public interface Peer extends AutoCloseable {
  /** Column name in the results, e.g. {@code corral}. */
  String name();

  /** Loads every batch of the dataset and returns once all of it is searchable. */
  IngestFigures ingest(Dataset dataset) throws IOException, InterruptedException;

  /**
   * For the mixed phase ({@link MixedPhase}): readies an ingest of {@code dataset} into this peer, freshly
   * started and empty, that the caller paces and times itself while it runs queries. Whatever the peer does
   * before its clock starts in {@link #ingest} is done here (OpenSearch: its {@code _bulk} bodies and its
   * index). Null for a peer that cannot take ingest while it answers queries (grep, raw Lucene): it has no
   * mixed phase.
   */
  default PreparedUpload prepareUpload(Dataset dataset) throws IOException, InterruptedException {
    return null;
  }

  /**
   * Runs one query once; throws if the peer answers with an error.
   *
   * @param text query in Corral's language (a peer translates it to its own)
   * @param from lower time bound such as {@code now-15m}, or null for all time
   */
  QueryAnswer query(String text, String from) throws IOException, InterruptedException;

  /** Whether this peer can answer {@code query} at all; unanswerable queries are reported as n/a. */
  default boolean answers(BenchQuery query) {
    return true;
  }

  /**
   * Whether this peer's answers are exact equivalents of Corral's, so that for every query over all
   * time that both answer, the totals must be equal ({@link TotalsCheck}). Time-bounded queries are
   * exempt: the peers run one after the other, and "the last 15 minutes" moves in between.
   */
  default boolean exactTotals() {
    return false;
  }

  /** Disk and process figures after ingest; read before any query so query costs stay out of them. */
  Footprint footprint() throws IOException;

  /**
   * Compacts the loaded data the way the peer stores data that no longer changes (Corral's warm
   * tier: one best-compression segment per day) and returns the bytes on disk afterwards; called
   * after the queries. A peer without such a step returns -1.
   */
  default long compactToWarm() throws IOException, InterruptedException {
    return -1;
  }

  /**
   * Makes the next query cold: releases whatever keeps the index in memory (the server process
   * with its memory-mapped files, an open reader), drops the page cache through {@code cache}, and
   * opens the index again. A peer that cannot returns false, and its cold queries are n/a.
   */
  default boolean restartCold(PageCache cache) throws IOException, InterruptedException {
    return false;
  }

  @Override
  void close() throws IOException, InterruptedException;
}
