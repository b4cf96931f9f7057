package dev.corral.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Batches kept on disk while Corral is unreachable, bounded by bytes, drained oldest first. Each batch is one
 * file {@code batch-<sequence>-<events>.ndjson.gz}, exactly the body the sender would have posted, written to a
 * temporary name and renamed, so a crash leaves whole batches only. Files left by an earlier run of the same
 * application are found at start and sent first.
 *
 * <p>Used by the sender thread only. One directory belongs to one running application: two processes sharing
 * it would send the same files twice.
 */
final class SpillDirectory {
  private static final String PREFIX = "batch-";
  private static final String SUFFIX = ".ndjson.gz";
  private final Path directory;
  private final long maxBytes;
  private final List<Path> files = new ArrayList<>();
  private long bytes;
  private long sequence;

  /** A spill batch on disk and the number of events in it. */
  record Batch(Path file, int events, byte[] body) {}

  SpillDirectory(Path directory, long maxBytes) {
    this.directory = directory;
    this.maxBytes = maxBytes;
    try {
      Files.createDirectories(directory);
      try (Stream<Path> listing = Files.list(directory)) {
        listing.filter(SpillDirectory::isBatch).sorted().forEach(files::add);
      }
      for (Path file : files) {
        bytes += Files.size(file);
        sequence = Math.max(sequence, sequenceOf(file) + 1);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use spill directory " + directory + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes one batch if it fits under the bound.
   *
   * @return false when the directory is full (nothing written)
   * @throws IOException when the disk refuses the write (nothing is left behind)
   */
  boolean write(byte[] gzippedNdjson, int events) throws IOException {
    if (bytes + gzippedNdjson.length > maxBytes) {
      return false;
    }
    Path file = directory.resolve(String.format("%s%019d-%d%s", PREFIX, sequence++, events, SUFFIX));
    Path temporary = directory.resolve(file.getFileName() + ".tmp");
    try {
      Files.write(temporary, gzippedNdjson);
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Files.deleteIfExists(temporary);
      throw e;
    }
    files.add(file);
    bytes += gzippedNdjson.length;
    return true;
  }

  /** The oldest batch, or null when none is left. */
  Batch oldest() throws IOException {
    if (files.isEmpty()) {
      return null;
    }
    Path file = files.get(0);
    return new Batch(file, eventsOf(file), Files.readAllBytes(file));
  }

  /** Deletes {@code batch} (sent, or refused for good). */
  void remove(Batch batch) throws IOException {
    files.remove(batch.file());
    bytes -= batch.body().length;
    Files.deleteIfExists(batch.file());
  }

  boolean isEmpty() {
    return files.isEmpty();
  }

  long bytes() {
    return bytes;
  }

  private static boolean isBatch(Path file) {
    String name = file.getFileName().toString();
    return name.startsWith(PREFIX) && name.endsWith(SUFFIX) && name.split("-").length == 3;
  }

  private static long sequenceOf(Path file) {
    return Long.parseLong(file.getFileName().toString().split("-")[1]);
  }

  private static int eventsOf(Path file) {
    String last = file.getFileName().toString().split("-")[2];
    return Integer.parseInt(last.substring(0, last.length() - SUFFIX.length()));
  }
}
