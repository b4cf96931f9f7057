package dev.corral.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.apache.lucene.util.IOUtils;

/**
 * The store's checkpoint: the WAL position from which a restart must replay, in {@code
 * directory/checkpoint} as one line {@code corral.wal.position=<n>}. Written atomically (temp file,
 * fsync, atomic rename, fsync of the directory), so a crash leaves the old or the new value, never
 * a torn one.
 *
 * <p>Not thread-safe: only the commit round writes it (in the OpenSearch store, its writer thread).
 */
public final class CheckpointFile {
  static final String NAME = "checkpoint";
  private static final String KEY = "corral.wal.position=";

  private final Path file;
  private final Path temp;

  public CheckpointFile(Path directory) {
    this.file = directory.resolve(NAME);
    this.temp = directory.resolve(NAME + ".tmp");
  }

  /** The stored position, or 0 when the store is new. */
  public long read() throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      return 0;
    }
    if (!text.startsWith(KEY)) {
      throw new StoreException("checkpoint file " + file + " is corrupt: '" + text + "'");
    }
    try {
      long position = Long.parseLong(text.substring(KEY.length()));
      if (position < 0) {
        throw new NumberFormatException("negative");
      }
      return position;
    } catch (NumberFormatException e) {
      throw new StoreException("checkpoint file " + file + " is corrupt: '" + text + "'", e);
    }
  }

  /** Durably replaces the stored position. */
  public void write(long position) throws IOException {
    Files.writeString(temp, KEY + position + "\n", StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    IOUtils.fsync(temp, false);
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    IOUtils.fsync(file.getParent(), true);
  }
}
