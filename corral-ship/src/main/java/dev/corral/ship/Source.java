package dev.corral.ship;

/**
 * One resumable stream of records inside an input (one file, the journal, stdin), told by the delivery side
 * how far its records are safe.
 *
 * <p>Contract: the delivery side calls {@link #acknowledged(long)} from its own thread, with non-decreasing
 * offsets per source, only after every record of that source up to the offset was acknowledged by the server or
 * written and fsync'd to the disk spool; then it calls {@link #persist()} on each of them, once per batch. The
 * source makes the offsets durable (its registry entry) by the time {@code persist} returns, so the delivery side
 * sends its next batch only once the last one is recorded and a {@code kill -9} resends at most the batch in flight
 * (a files input configured with a {@code registry_flush} interval persists later, trading more resends for fewer
 * writes). It never persists an offset it was not told.
 */
public interface Source {
  /** A stable name for status and logs, for example the file path or {@code journald}. */
  String id();

  /** Everything of this source before {@code offset} is durably accepted; may be persisted as the resume point. */
  void acknowledged(long offset);

  /**
   * Makes what {@link #acknowledged} was told durable before returning: called once per batch, after every source of
   * the batch was told, so sources sharing one registry share one write. Does nothing by default (a source whose
   * {@code acknowledged} already persists, or that keeps nothing).
   */
  default void persist() {}
}
