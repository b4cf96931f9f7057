package dev.corral.ship;

/**
 * One resumable stream of records inside an input (one file, the journal, stdin), told by the delivery side
 * how far its records are safe.
 *
 * <p>Contract: the delivery side calls {@link #acknowledged(long)} from its own thread, with non-decreasing
 * offsets per source, only after every record of that source up to the offset was acknowledged by the server or
 * written and fsync'd to the disk spool. The source persists the offset (its registry entry) durably before it
 * returns, so the delivery side sends its next batch only once the last one is recorded and a {@code kill -9}
 * resends at most the batch in flight (a files input configured with a {@code registry_flush} interval persists
 * later, trading more resends for fewer writes); it never persists an offset it was not told.
 */
public interface Source {
  /** A stable name for status and logs, for example the file path or {@code journald}. */
  String id();

  /** Everything of this source before {@code offset} is durably accepted; may be persisted as the resume point. */
  void acknowledged(long offset);
}
