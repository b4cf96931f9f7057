package dev.corral.ship;

import java.util.List;

/**
 * One configured input (a set of file globs, stdin, container logs, the journal). {@link #run(RecordSink)} is
 * called once, on a thread of its own, and reads until {@link #close()} or until the input is exhausted (stdin
 * at end of stream). Thread-safety: {@link #status()} and {@link #close()} may be called from any thread while
 * {@code run} reads.
 */
public interface Input extends AutoCloseable {
  /** The input's name for status and logs (its {@code name:} in the configuration, or a derived one). */
  String name();

  /**
   * Reads records and hands them to {@code sink}, resuming every source from its last acknowledged offset.
   *
   * @throws InterruptedException when the shipper is stopping
   * @throws java.io.IOException  on an I/O error that stops the whole input (one unreadable file does not)
   */
  void run(RecordSink sink) throws InterruptedException, java.io.IOException;

  /** What each source is doing now: for {@code corral ship status}. */
  List<SourceStatus> status();

  /** Stops reading and releases open files; {@code run} returns soon after. Never throws checked exceptions. */
  @Override
  void close();
}
