package dev.corral.server.ingest;

import dev.corral.model.RecordOrigin;
import dev.corral.server.files.DurableFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * For each partition of each stream an input reads (a Kafka topic partition), the offset after the last record
 * the write-ahead log holds: where reading resumes so that nothing the log holds is read twice. Kept in memory and,
 * through {@link #save}, in one small file replaced whole and durably, one line per partition:
 * <pre>{@code
 * <stream> <partition> <next offset>
 * }</pre>
 * Offsets only grow ({@link #advance} keeps the larger). Thread-safe: the follower writes, the input reads.
 */
final class HeldOffsets {
  private final Path file;
  private final Map<String, Map<Integer, Long>> next = new ConcurrentHashMap<>();

  private HeldOffsets(Path file) {
    this.file = file;
  }

  /**
   * The offsets saved in {@code file}, none when it does not exist yet.
   *
   * @throws IOException naming the file and the line when a line is not {@code <stream> <partition> <offset>}
   */
  static HeldOffsets load(Path file) throws IOException {
    HeldOffsets offsets = new HeldOffsets(file);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException none) {
      return offsets;
    }
    int number = 0;
    for (String line : text.split("\n")) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.split(" ");
      try {
        if (parts.length != 3) {
          throw new NumberFormatException("3 fields expected");
        }
        offsets.advance(parts[0], Integer.parseInt(parts[1]), Long.parseLong(parts[2]));
      } catch (NumberFormatException e) {
        throw new IOException(file + " line " + number + ": '" + line + "' is not '<stream> <partition> <next offset>'"
            + " (" + e.getMessage() + ")", e);
      }
    }
    return offsets;
  }

  /** Records that the log holds {@code origin}: its partition resumes at least after it. */
  void advance(RecordOrigin origin) {
    advance(origin.stream(), origin.partition(), origin.nextOffset());
  }

  private void advance(String stream, int partition, long nextOffset) {
    next.computeIfAbsent(stream, s -> new ConcurrentHashMap<>()).merge(partition, nextOffset, Math::max);
  }

  /** The offset after the last record the log holds of this partition; empty when it holds none. */
  OptionalLong nextOffset(String stream, int partition) {
    Long offset = next.getOrDefault(stream, Map.of()).get(partition);
    return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
  }

  /** Replaces the file with the offsets held now (sorted, so the file reads well). */
  void save() throws IOException {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(next).forEach((stream, partitions) -> new TreeMap<>(partitions).forEach((partition, offset) ->
        text.append(stream).append(' ').append(partition).append(' ').append(offset).append('\n')));
    DurableFile.replace(file, text.toString().getBytes(StandardCharsets.UTF_8));
  }
}
