package dev.corral.server.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Replaces a small file whole and durably: the bytes go to a temporary file beside it, which is
 * fsync'd and renamed over the file, and the directory is fsync'd; a crash leaves the old content
 * or the new, never a mix.
 */
public final class DurableFile {
  private DurableFile() {}

  /** Writes {@code bytes} as {@code file}'s whole content, readable by everyone who may read the directory. */
  public static void replace(Path file, byte[] bytes) throws IOException {
    write(file, bytes, false);
  }

  /** As {@link #replace}, the file readable and writable by its owner only (on POSIX file systems). */
  public static void replaceOwnerOnly(Path file, byte[] bytes) throws IOException {
    write(file, bytes, true);
  }

  private static void write(Path file, byte[] bytes, boolean ownerOnly) throws IOException {
    Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.deleteIfExists(temporary);
    if (ownerOnly && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Files.write(temporary, bytes);
    try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    try {
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
    }
    try (FileChannel directory = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
      directory.force(true);
    } catch (IOException e) {
      // Some platforms cannot open a directory; the rename is then as durable as they make it.
    }
  }
}
