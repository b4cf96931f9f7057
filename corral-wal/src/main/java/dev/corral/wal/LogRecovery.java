package dev.corral.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a WAL directory to a state the writer can append to after a crash at any byte.
 *
 * <ul>
 *   <li>No segment: creates the first one, at position 0.
 *   <li>Sealed (non-last) segments: checks the cheap structure only, the header and that each
 *       segment ends exactly where the next begins. Their records were fsynced before the next
 *       segment was created, so a mismatch is damage and throws {@link WalCorruptException};
 *       checksums are checked when {@code replay} reads them, which keeps open fast however
 *       long the log is.
 *   <li>Last segment: reads every record; from the first one that is incomplete or fails its
 *       checksum the file is truncated (those bytes were never acknowledged) and what was cut
 *       is logged. A header shorter than 8 bytes is rewritten.
 * </ul>
 */
final class LogRecovery {
  private static final Logger log = LoggerFactory.getLogger(LogRecovery.class);

  private LogRecovery() {}

  static RecoveredLog recover(Path directory, ChannelOpener opener) throws IOException {
    Files.createDirectories(directory);
    List<SegmentFile> segments = SegmentFile.list(directory);
    if (segments.isEmpty()) {
      SegmentFile first = SegmentFile.at(directory, 0);
      ActiveSegment.create(first, opener).close();
      log.atInfo().addKeyValue("directory", directory).addKeyValue("segment", first.path())
          .log("created new WAL");
      return new RecoveredLog(List.of(first), 0);
    }
    for (int i = 0; i + 1 < segments.size(); i++) {
      checkSealed(segments.get(i), segments.get(i + 1));
    }
    long end = recoverLast(segments.getLast(), opener);
    return new RecoveredLog(segments, end);
  }

  private static void checkSealed(SegmentFile segment, SegmentFile next) throws IOException {
    try (FileChannel channel = FileChannel.open(segment.path(), StandardOpenOption.READ)) {
      segment.checkHeader(channel);
      long size = channel.size();
      long expected = segment.fileOffset(next.basePosition());
      if (size != expected) {
        throw new WalCorruptException(segment.path(), Math.min(size, expected), "segment is "
            + size + " bytes but must be " + expected + " to end where the next segment "
            + next.path().getFileName() + " begins (position " + next.basePosition() + ")");
      }
    }
  }

  /** Validates the last segment, truncating a torn tail; returns the end position. */
  private static long recoverLast(SegmentFile segment, ChannelOpener opener) throws IOException {
    long size = Files.size(segment.path());
    if (size <= SegmentFile.HEADER_BYTES && !hasValidHeader(segment)) {
      rewriteHeader(segment, opener, size);
      return segment.basePosition();
    }
    long validEnd = size;
    try (SegmentReader reader = SegmentReader.open(segment, size)) {
      try {
        while (reader.next()) {
          // every record read is intact
        }
      } catch (WalCorruptException torn) {
        validEnd = torn.offset();
        truncate(segment, opener, validEnd);
        log.atWarn().addKeyValue("segment", segment.path()).addKeyValue("offset", validEnd)
            .addKeyValue("position", segment.position(validEnd))
            .addKeyValue("bytes", size - validEnd).addKeyValue("reason", torn.reason())
            .log("truncated torn tail of last WAL segment");
      }
    }
    return segment.position(validEnd);
  }

  private static boolean hasValidHeader(SegmentFile segment) throws IOException {
    try (FileChannel channel = FileChannel.open(segment.path(), StandardOpenOption.READ)) {
      segment.checkHeader(channel);
      return true;
    } catch (WalCorruptException e) {
      return false;
    }
  }

  private static void rewriteHeader(SegmentFile segment, ChannelOpener opener, long size)
      throws IOException {
    try (FileChannel channel = opener.open(segment.path(), Set.of(StandardOpenOption.WRITE))) {
      channel.truncate(0);
      ByteBuffer header = SegmentFile.header();
      while (header.hasRemaining()) {
        channel.write(header, header.position());
      }
      channel.force(true);
    }
    log.atWarn().addKeyValue("segment", segment.path()).addKeyValue("bytes", size)
        .log("rewrote torn header of last WAL segment");
  }

  private static void truncate(SegmentFile segment, ChannelOpener opener, long size)
      throws IOException {
    try (FileChannel channel = opener.open(segment.path(), Set.of(StandardOpenOption.WRITE))) {
      channel.truncate(size);
      channel.force(true);
    }
  }
}
