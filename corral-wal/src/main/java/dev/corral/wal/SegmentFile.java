package dev.corral.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One segment file: named {@code %020d.wal} after the position of its first record, starting
 * with an 8-byte header (magic {@code "CRWL"}, int32 format version), then records back to
 * back. A record at position {@code p} starts at file offset {@code HEADER_BYTES + p - base}.
 *
 * @param basePosition position of the first record in the file
 * @param path the file
 */
record SegmentFile(long basePosition, Path path) {
  /** Magic and format version, four bytes each. */
  static final int HEADER_BYTES = 8;
  /** "CRWL" in ASCII. */
  static final int MAGIC = 0x4352574C;
  /** Bumped whenever {@link RecordFormat} or this header changes incompatibly. */
  static final int FORMAT_VERSION = 1;

  private static final Pattern NAME = Pattern.compile("\\d{20}\\.wal");

  /** The segment whose first record is at {@code basePosition}, in {@code directory}. */
  static SegmentFile at(Path directory, long basePosition) {
    return new SegmentFile(basePosition, directory.resolve(String.format("%020d.wal", basePosition)));
  }

  /** The segment files of {@code directory}, oldest first; other files are ignored. */
  static List<SegmentFile> list(Path directory) throws IOException {
    List<SegmentFile> found = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        parse(file).ifPresent(found::add);
      }
    }
    found.sort(Comparator.comparingLong(SegmentFile::basePosition));
    return found;
  }

  private static Optional<SegmentFile> parse(Path file) {
    String name = file.getFileName().toString();
    if (!NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    return Optional.of(new SegmentFile(Long.parseLong(name.substring(0, 20)), file));
  }

  /** A fresh header, ready to write. */
  static ByteBuffer header() {
    return ByteBuffer.allocate(HEADER_BYTES).putInt(MAGIC).putInt(FORMAT_VERSION).flip();
  }

  /** Reads and checks the header at the start of {@code channel}. */
  void checkHeader(FileChannel channel) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    while (header.hasRemaining() && channel.read(header, header.position()) >= 0) {
      // read until full or end of file
    }
    if (header.hasRemaining()) {
      throw new WalCorruptException(path, 0,
          "segment header is " + header.position() + " bytes, expected " + HEADER_BYTES);
    }
    int magic = header.getInt(0);
    int version = header.getInt(4);
    if (magic != MAGIC) {
      throw new WalCorruptException(path, 0,
          String.format("segment magic is 0x%08x, expected 0x%08x", magic, MAGIC));
    }
    if (version != FORMAT_VERSION) {
      throw new WalCorruptException(path, 4,
          "segment format version is " + version + ", this build reads " + FORMAT_VERSION);
    }
  }

  /** File offset where the record at {@code position} starts (or would start). */
  long fileOffset(long position) {
    return HEADER_BYTES + position - basePosition;
  }

  /** Position of the record starting at {@code fileOffset}. */
  long position(long fileOffset) {
    return basePosition + fileOffset - HEADER_BYTES;
  }
}
