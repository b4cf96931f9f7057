package dev.corral.ship.files;

import dev.corral.ship.decode.RecordAssembly;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a files input reads and how (built from its configuration). Immutable.
 *
 * @param name          the input's name (its registry file is named after it)
 * @param paths         globs of the files to read
 * @param exclude       globs of files not to read
 * @param startAtEnd    whether files found at the input's first scan without a registry entry are read from their
 *                      end (only new lines) instead of their beginning; files appearing later are always read from
 *                      their beginning
 * @param maxOpenFiles  the most files open at once; others wait their turn
 * @param closeInactive how long a file at its end stays open without new lines
 * @param scanEvery     how often the globs are walked again for new, renamed and deleted files
 * @param maxLineBytes  the longest line kept whole (longer ones are cut and flagged {@code _truncated})
 * @param forgetAfter   how long the registry keeps the entry of a file no scan finds
 * @param registryFlush how often the registry is written; zero writes it with every acknowledgement
 * @param assembly      how lines become records
 */
public record FilesSettings(String name, List<String> paths, List<String> exclude, boolean startAtEnd,
    int maxOpenFiles, Duration closeInactive, Duration scanEvery, int maxLineBytes, Duration forgetAfter,
    Duration registryFlush, RecordAssembly assembly) {
  public FilesSettings {
    Objects.requireNonNull(name, "name");
    paths = List.copyOf(paths);
    exclude = List.copyOf(exclude);
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("input " + name + ": no paths to read");
    }
    if (maxOpenFiles < 1) {
      throw new IllegalArgumentException("input " + name + ": max_open_files " + maxOpenFiles + " must be at least 1");
    }
    Objects.requireNonNull(assembly, "assembly");
  }

  /** A copy reading other globs. */
  public FilesSettings withPaths(List<String> newPaths) {
    return new FilesSettings(name, newPaths, exclude, startAtEnd, maxOpenFiles, closeInactive, scanEvery, maxLineBytes,
        forgetAfter, registryFlush, assembly);
  }
}
