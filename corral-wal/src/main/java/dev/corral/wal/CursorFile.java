package dev.corral.wal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A follower's persisted cursor: {@code <wal>/consumers/<name>.cursor}, one line {@code
 * corral.wal.cursor=<position>}. Written atomically (temp file, fsync, atomic rename, fsync of the
 * directory), so kill -9 or a power loss leaves the old or the new value, never a torn one.
 *
 * <p>Not thread-safe: one writer per file (the follower's thread).
 */
final class CursorFile {
  static final String DIRECTORY = "consumers";
  static final String SUFFIX = ".cursor";
  /** A bad file is renamed to this suffix, kept for inspection, and the consumer starts over. */
  static final String CORRUPT_SUFFIX = ".cursor.corrupt";
  private static final String KEY = "corral.wal.cursor=";
  private static final Pattern LINE = Pattern.compile(Pattern.quote(KEY) + "(\\d{1,19})");

  private final String consumer;
  private final Path file;
  private final Path temp;

  CursorFile(Path walDirectory, String consumer) {
    this.consumer = consumer;
    Path directory = walDirectory.resolve(DIRECTORY);
    this.file = directory.resolve(consumer + SUFFIX);
    this.temp = directory.resolve(consumer + SUFFIX + ".tmp");
  }

  /** The cursor files in {@code walDirectory}, by consumer name; other files are ignored. */
  static List<CursorFile> list(Path walDirectory) throws IOException {
    Path directory = walDirectory.resolve(DIRECTORY);
    List<CursorFile> found = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return found;
    }
    try (Stream<Path> files = Files.list(directory)) {
      for (Path path : (Iterable<Path>) files::iterator) {
        String name = path.getFileName().toString();
        if (name.endsWith(SUFFIX)) {
          String consumer = name.substring(0, name.length() - SUFFIX.length());
          if (PushedConsumers.NAME.matcher(consumer).matches()) {
            found.add(new CursorFile(walDirectory, consumer));
          }
        }
      }
    }
    return found;
  }

  String consumer() {
    return consumer;
  }

  Path path() {
    return file;
  }

  boolean exists() {
    return Files.exists(file);
  }

  /**
   * The stored position.
   *
   * @throws BadCursorException naming the file and its content when it is not one valid line
   */
  long read() throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    Matcher line = LINE.matcher(text.strip());
    if (!line.matches()) {
      throw new BadCursorException(file, "it must hold one line '" + KEY + "<position>', found '"
          + excerpt(text) + "'");
    }
    try {
      return Long.parseLong(line.group(1));
    } catch (NumberFormatException e) {
      throw new BadCursorException(file, "position '" + line.group(1) + "' is out of range");
    }
  }

  /** Durably replaces the stored position, creating the file (and its directory) if needed. */
  void write(long position) throws IOException {
    Path directory = file.getParent();
    if (!Files.isDirectory(directory)) {
      Files.createDirectories(directory);
      DirectorySync.force(directory.getParent());
    }
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      channel.write(StandardCharsets.UTF_8.encode(KEY + position + "\n"));
      channel.force(true);
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    DirectorySync.force(directory);
  }

  /** Moves a bad file aside (kept for inspection); returns where it went. */
  Path quarantine() throws IOException {
    Path aside = file.resolveSibling(consumer + CORRUPT_SUFFIX);
    Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
    DirectorySync.force(file.getParent());
    return aside;
  }

  /** Deletes the file durably; the consumer no longer holds anything back. */
  void delete() throws IOException {
    if (Files.deleteIfExists(file)) {
      DirectorySync.force(file.getParent());
    }
  }

  private static String excerpt(String text) {
    String oneLine = text.replaceAll("[\\r\\n\\t]", " ");
    return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 60) + "...";
  }
}
