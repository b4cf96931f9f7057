package dev.corral.server.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive OS lock on {@code data/corral.lock}, so two servers never write the same WAL and
 * partitions. Released on close, and by the OS when the process dies.
 */
public final class DataDirectoryLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private DataDirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** @throws IOException naming the directory when another process holds it */
  public static DataDirectoryLock acquire(Path dataDir) throws IOException {
    Path file = dataDir.resolve("corral.lock");
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        throw new IOException("data directory " + dataDir.toAbsolutePath()
            + " is in use by another Corral server (" + file + " is locked); stop it or choose another --data");
      }
      return new DataDirectoryLock(channel, lock);
    } catch (OverlappingFileLockException e) {
      channel.close();
      throw new IOException("data directory " + dataDir.toAbsolutePath() + " is already in use by a Corral server in this process", e);
    }
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}
