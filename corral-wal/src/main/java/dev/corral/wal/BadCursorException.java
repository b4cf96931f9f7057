package dev.corral.wal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A follower's cursor file that cannot be used: not one valid line, past the end of the log, or
 * not at a record boundary. The WAL moves such a file aside and starts the follower over (see
 * {@link WriteAheadLog#follow}); this names the file and what was wrong.
 */
public class BadCursorException extends IOException {
  private static final long serialVersionUID = 1L;

  public BadCursorException(Path file, String reason) {
    super("bad WAL cursor file " + file + ": " + reason);
  }
}
