package dev.corral.server.storage;

import dev.corral.server.config.ConfigException;
import dev.corral.server.service.Service;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The data directory, created if missing and locked for this process alone while the server runs
 * ({@link DataDirectoryLock}): the first service to start and the last to stop. Holds the node's
 * stable id ({@link NodeId}), the stats entry {@code node_id}.
 */
public final class DataDirectory implements Service {
  private final Path path;
  private DataDirectoryLock lock;
  private volatile NodeId nodeId;

  public DataDirectory(Path path) {
    this.path = path;
  }

  @Override
  public String name() {
    return "data-dir";
  }

  /**
   * @throws ConfigException when the directory cannot be created or is not writable, naming data.dir, the path,
   *     the user and what to do (a fresh installation's most common mistake: /var/lib/corral not made for its user)
   * @throws IOException when another server holds the directory
   */
  @Override
  public synchronized void start() throws IOException {
    try {
      Files.createDirectories(path);
      if (!Files.isWritable(path)) {
        throw new AccessDeniedException(path.toString(), null, "not writable");
      }
    } catch (IOException e) {
      String absolute = path.toAbsolutePath().toString();
      throw new ConfigException("data.dir " + absolute + " cannot be created or written by user "
          + System.getProperty("user.name") + " (" + e + "): create it for that user (install -d -o corral -g corral "
          + "-m 0750 " + absolute + ") or set data.dir (--data DIR, CORRAL_DATA_DIR) to a directory it may write", e);
    }
    lock = DataDirectoryLock.acquire(path);
    nodeId = NodeId.of(path);
  }

  /** This node's id; read once the directory is locked. */
  public NodeId nodeId() {
    NodeId id = nodeId;
    if (id == null) {
      throw new IllegalStateException("BUG: the node id is read before the data directory started");
    }
    return id;
  }

  @Override
  public Map<String, Object> stats() {
    NodeId id = nodeId;
    return id == null ? Map.of() : Map.of("node_id", id.value());
  }

  @Override
  public synchronized void close() throws IOException {
    if (lock != null) {
      lock.close();
      lock = null;
    }
  }
}
