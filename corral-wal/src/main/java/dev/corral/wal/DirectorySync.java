package dev.corral.wal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Makes the creation or deletion of files in a directory durable by fsyncing the directory
 * itself, as POSIX requires (fsyncing a new file does not persist its name).
 */
final class DirectorySync {
  private DirectorySync() {}

  static void force(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
