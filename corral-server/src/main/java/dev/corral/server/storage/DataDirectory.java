package dev.corral.server.storage;

import dev.corral.server.service.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The data directory, created if missing and locked for this process alone while the server runs
 * ({@link DataDirectoryLock}): the first service to start and the last to stop.
 */
public final class DataDirectory implements Service {
  private final Path path;
  private DataDirectoryLock lock;

  public DataDirectory(Path path) {
    this.path = path;
  }

  @Override
  public String name() {
    return "data-dir";
  }

  @Override
  public synchronized void start() throws IOException {
    Files.createDirectories(path);
    lock = DataDirectoryLock.acquire(path);
  }

  @Override
  public synchronized void close() throws IOException {
    if (lock != null) {
      lock.close();
      lock = null;
    }
  }
}
