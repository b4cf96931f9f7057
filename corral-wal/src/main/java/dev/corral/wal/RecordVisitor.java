package dev.corral.wal;

import java.io.IOException;

/** Receives records from {@link WriteAheadLog#replay}, one at a time, in position order. */
@FunctionalInterface
public interface RecordVisitor {
  /**
   * @param position the record's position
   * @param nextPosition the position just after it
   * @param payload a fresh array holding the payload; the visitor may keep it
   * @throws IOException to stop the replay; it propagates out of {@code replay}
   */
  void visit(long position, long nextPosition, byte[] payload) throws IOException;
}
