package dev.corral.dist;

import dev.corral.server.storage.DataDirectoryLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Work on the data directory of a stopped server ({@code corral keys|users … --data DIR}): under the
 * directory's lock ({@code corral.lock}), so it never writes the files of a running server, which
 * holds that lock; then the command refuses and says to use {@code --url}.
 */
final class OfflineDataDirectory {
  /** Something done to a locked data directory. */
  @FunctionalInterface
  interface Work<T> {
    T apply(Path data) throws IOException;
  }

  private OfflineDataDirectory() {}

  /**
   * Runs {@code work} on {@code data} (created when missing) under its lock.
   *
   * @param what what the command manages, for the refusal ({@code keys}, {@code users})
   * @throws IOException when a running server holds the lock, saying to use {@code --url}
   */
  static <T> T locked(Path data, String what, Work<T> work) throws IOException {
    Files.createDirectories(data);
    DataDirectoryLock lock;
    try {
      lock = DataDirectoryLock.acquire(data);
    } catch (IOException e) {
      throw new IOException(e.getMessage() + "; or manage the running server's " + what
          + " with --url and an admin --key", e);
    }
    try (lock) {
      return work.apply(data);
    }
  }
}
