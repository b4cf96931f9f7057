package dev.corral.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Appends NDJSON lines to one file per UTC day ({@code 2026-11-21.ndjson}), the layout a team has
 * when every host ships its logs to a shared directory. The day is the first {@code "YYYY-MM-DD}
 * found in the line, which in every shape of the simulated fleet is the event's timestamp; lines
 * without one go to {@code undated.ndjson}. Not thread-safe.
 */
final class DayFiles implements AutoCloseable {
  /** Length of {@code "YYYY-MM-DD}: a quote, then the ISO date. */
  private static final int DATE_WITH_QUOTE = 11;
  private static final String UNDATED = "undated";

  private final Path directory;
  private final Map<String, OutputStream> open = new TreeMap<>();

  DayFiles(Path directory) throws IOException {
    this.directory = Files.createDirectories(directory);
  }

  /** Appends every line of an NDJSON batch to its day's file. */
  void append(byte[] batch) throws IOException {
    int start = 0;
    for (int i = 0; i < batch.length; i++) {
      if (batch[i] == '\n') {
        out(day(batch, start, i)).write(batch, start, i + 1 - start);
        start = i + 1;
      }
    }
  }

  /** Flushes and fsyncs every day file, then closes them. */
  @Override
  public void close() throws IOException {
    for (OutputStream stream : open.values()) {
      stream.close();
    }
    for (Path file : files()) {
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
    }
    open.clear();
  }

  /** The day files written so far, sorted by name. */
  List<Path> files() throws IOException {
    List<Path> files = new ArrayList<>();
    try (var stream = Files.list(directory)) {
      stream.filter(p -> p.toString().endsWith(".ndjson")).sorted().forEach(files::add);
    }
    return files;
  }

  private OutputStream out(String day) throws IOException {
    OutputStream stream = open.get(day);
    if (stream == null) {
      stream = new java.io.BufferedOutputStream(Files.newOutputStream(directory.resolve(day + ".ndjson"),
          StandardOpenOption.CREATE, StandardOpenOption.APPEND), 1 << 16);
      open.put(day, stream);
    }
    return stream;
  }

  static String day(byte[] line, int start, int end) {
    for (int i = start; i + DATE_WITH_QUOTE <= end; i++) {
      if (line[i] == '"' && isDate(line, i + 1)) {
        return new String(line, i + 1, DATE_WITH_QUOTE - 1, java.nio.charset.StandardCharsets.US_ASCII);
      }
    }
    return UNDATED;
  }

  private static boolean isDate(byte[] b, int i) {
    return digits(b, i, 4) && b[i + 4] == '-' && digits(b, i + 5, 2) && b[i + 7] == '-' && digits(b, i + 8, 2);
  }

  private static boolean digits(byte[] b, int from, int count) {
    for (int i = from; i < from + count; i++) {
      if (b[i] < '0' || b[i] > '9') {
        return false;
      }
    }
    return true;
  }
}
