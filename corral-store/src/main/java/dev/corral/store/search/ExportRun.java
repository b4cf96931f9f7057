package dev.corral.store.search;

import java.io.IOException;

/**
 * One export of a store ({@link EventSearch#export}), its filter resolved and checked, ready to stream.
 *
 * <p>Contract of {@link #run}: every event the request matches between its bounds goes to the sink,
 * oldest first (events of equal timestamps in an order of the backend's), each once, whatever their
 * number; memory holds one page ({@link ExportRequest#pageSize()}). Whatever the store holds for the
 * export (a day's reader, a cluster's point in time) is released when {@code run} returns or throws.
 * Run it once, from one thread.
 */
@FunctionalInterface
public interface ExportRun {
  /**
   * Streams the events to {@code sink}.
   *
   * @return what was read
   * @throws IOException from the sink (the export stops there: the client went away), from reading
   *     the store (a cluster that went away included), or {@link java.io.InterruptedIOException} when
   *     the calling thread is interrupted
   * @throws QueryTimeoutException when one page takes longer than {@link ExportRequest#pageTimeout()}
   */
  ExportSummary run(EventSink sink) throws IOException;
}
