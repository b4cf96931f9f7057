package dev.corral.wal;

/** How a named WAL consumer gets records and whether it holds segments back. */
public enum ConsumerKind {
  /** Pushed each record after fsync, on the writer thread; no cursor, holds nothing back. */
  LIVE,
  /**
   * Pushed like a live one, with a cursor kept by its owner (the indexer: the store's checkpoint).
   * Holds back every segment it has not passed, whatever the retention bound.
   */
  ESSENTIAL,
  /**
   * Reads on its own thread from a cursor the WAL persists ({@link WalFollower}). Holds segments
   * back up to the retention bound; beyond it is told what it missed.
   */
  FOLLOWER
}
