package dev.corral.ship.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds where files that left the globs' view went, within their directory (rotation renames {@code app.log} to
 * {@code app.log.1} beside it). One per scan: each directory is listed at most once, however many of its files
 * vanished. Not thread-safe.
 */
final class RenameFinder {
  private final Map<Path, Map<FileIdentity, Path>> directories = new HashMap<>();

  /** The file's current name in the directory it was in, or null when it is in none (deleted or moved away). */
  Path find(FileIdentity identity, Path formerPath) {
    Path directory = formerPath.getParent();
    return directory == null ? null : directories.computeIfAbsent(directory, RenameFinder::list).get(identity);
  }

  private static Map<FileIdentity, Path> list(Path directory) {
    Map<FileIdentity, Path> files = new HashMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        try {
          FileIdentity.Stat stat = FileIdentity.stat(entry);
          if (stat != null) {
            files.putIfAbsent(stat.identity(), entry);
          }
        } catch (IOException e) {
          // vanished while listed: not the file looked for
        }
      }
    } catch (IOException e) {
      // the directory itself is gone: every file of it counts as deleted
    }
    return files;
  }
}
