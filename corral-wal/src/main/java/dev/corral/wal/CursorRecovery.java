package dev.corral.wal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the WAL does with a follower's cursor it cannot trust (design.md, "Consumers and retention"):
 * it never stops the log and never skips a record silently, so the follower starts over where it
 * can only repeat records — from the oldest retained record when the file is unreadable, from the
 * end when it points past it, from the beginning of its segment when no record starts there. Each
 * case is logged at ERROR with the file moved aside ({@code .cursor.corrupt}) where there is one.
 */
final class CursorRecovery {
  private static final Logger log = LoggerFactory.getLogger(CursorRecovery.class);

  private CursorRecovery() {}

  /** The cursor stored in {@code file}, for a log retaining {@code [start, end)}. */
  static long load(CursorFile file, long start, long end) throws IOException {
    long position;
    try {
      position = file.read();
    } catch (BadCursorException bad) {
      startOver(file, bad.getMessage(), start);
      return start;
    }
    if (position > end) {
      startOver(file, "cursor " + position + " is past the end of the log (" + end + ")", end);
      return end;
    }
    return position;
  }

  private static void startOver(CursorFile file, String reason, long from) throws IOException {
    Path aside = file.quarantine();
    file.write(from);
    log.atError().addKeyValue("consumer", file.consumer()).addKeyValue("moved_to", aside)
        .addKeyValue("restart_position", from).addKeyValue("reason", reason)
        .log("bad WAL cursor file moved aside; the consumer starts over");
  }

  /**
   * The follower's cursor if a record starts there (or it lies outside the retained records), else
   * the base of the segment holding it, persisted.
   */
  static long atRecordBoundary(FollowerCursor cursor, List<SegmentFile> snapshot, long end, int maxRecordBytes)
      throws IOException {
    long position = cursor.persisted();
    if (position < snapshot.getFirst().basePosition() || position >= end) {
      return position;
    }
    SegmentFile holding = snapshot.getFirst();
    for (SegmentFile segment : snapshot) {
      if (segment.basePosition() <= position) {
        holding = segment;
      }
    }
    long limit = Math.min(end, position + RecordFormat.HEADER_BYTES + maxRecordBytes);
    try (SegmentReader reader = SegmentReader.openAt(holding, holding.fileOffset(position), holding.fileOffset(limit))) {
      reader.next();
      return position;
    } catch (WalCorruptException notABoundary) {
      log.atError().addKeyValue("consumer", cursor.name()).addKeyValue("cursor", position)
          .addKeyValue("restart_position", holding.basePosition()).addKeyValue("reason", notABoundary.reason())
          .log("bad WAL cursor: no record starts there; the consumer starts over at the beginning of its segment");
      cursor.persist(holding.basePosition());
      return holding.basePosition();
    }
  }
}
