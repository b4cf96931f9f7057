package dev.corral.wal;

/**
 * Told about every record once it is durable. The server uses it to hand the record to the
 * pipeline in WAL order without reading it back.
 *
 * @param <T> what the appender passed along with the record (for example the decoded batch)
 */
@FunctionalInterface
public interface DurableSink<T> {
  /**
   * Called on the WAL writer thread, in WAL order, after the record is fsync'd and before
   * append() returns to its caller. Must not block for long: every other append waits for it.
   * A {@link RuntimeException} thrown here is logged; the record stays durable and its append
   * still succeeds.
   *
   * @param position the record's position
   * @param nextPosition the position just after the record (where the next one starts)
   * @param context the context given to {@link WriteAheadLog#append}
   */
  void durable(long position, long nextPosition, T context);
}
