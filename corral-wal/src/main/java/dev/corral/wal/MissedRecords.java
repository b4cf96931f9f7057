package dev.corral.wal;

/**
 * Records a durable consumer will never read: the retention bound ({@link WalRetention}) deleted
 * the segments holding them before the consumer got there. Positions, as everywhere in the WAL.
 *
 * @param consumer the consumer's name
 * @param from the consumer's cursor when the gap was found (first position missed)
 * @param to where reading resumes: the first retained position (exclusive end of the gap)
 */
public record MissedRecords(String consumer, long from, long to) {
  public MissedRecords {
    if (to <= from) {
      throw new IllegalArgumentException("a gap ends (" + to + ") after it starts (" + from + ")");
    }
  }

  /** Bytes of log (record headers included) the consumer missed. */
  public long bytes() {
    return to - from;
  }
}
