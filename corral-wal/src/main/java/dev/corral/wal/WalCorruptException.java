package dev.corral.wal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A segment file whose bytes are not what the WAL wrote: a CRC mismatch, a record running past
 * the end of its segment, a bad segment header, or segments that do not follow each other.
 * Carries the file and the byte offset in it where the damage starts.
 *
 * <p>Thrown by {@link WriteAheadLog#open} for damage it cannot repair (anything but a torn tail
 * of the last segment) and by {@link WriteAheadLog#replay} for damage found while reading.
 */
public class WalCorruptException extends IOException {
  private static final long serialVersionUID = 1L;
  private final transient Path file;
  private final long offset;
  private final String reason;

  public WalCorruptException(Path file, long offset, String reason) {
    super("corrupt WAL segment " + file + " at offset " + offset + ": " + reason);
    this.file = file;
    this.offset = offset;
    this.reason = reason;
  }

  /** The damaged segment file. */
  public Path file() {
    return file;
  }

  /** Byte offset in {@link #file()} where the first bad record (or header) starts. */
  public long offset() {
    return offset;
  }

  /** What was wrong, without file and offset. */
  public String reason() {
    return reason;
  }
}
