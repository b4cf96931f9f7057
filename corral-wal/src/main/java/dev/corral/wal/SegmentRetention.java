package dev.corral.wal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which sealed segments go, oldest first (design.md, "Consumers and retention"):
 *
 * <ol>
 *   <li>a segment every durable consumer has passed is deleted;
 *   <li>else, when the retained bytes are over {@link WalRetention#maxBytes()} or the segment's last
 *       write is older than {@link WalRetention#maxAge()}, it is deleted if no essential consumer
 *       still needs it: the followers behind lose it (each finds the gap when it reads on, and is
 *       told), which is logged here at WARN with their names;
 *   <li>else it stays, and so do all newer ones.
 * </ol>
 *
 * <p>With no durable consumer at all only the bound deletes. The active segment is never deleted.
 * Callers serialize passes (the WAL's deletion lock).
 */
final class SegmentRetention {
  private static final Logger log = LoggerFactory.getLogger(SegmentRetention.class);

  /** Where every durable consumer stands, as retention sees it. */
  record Floors(long all, long essential, List<FollowerCursor> followers) {
    /** No durable consumer: nothing is "passed by all", nothing is needed by an essential one. */
    static Floors none(List<FollowerCursor> followers) {
      return new Floors(Long.MIN_VALUE, Long.MAX_VALUE, followers);
    }
  }

  private final Path directory;
  private final SegmentList segments;
  private final WalRetention bound;
  private final Clock clock;

  SegmentRetention(Path directory, SegmentList segments, WalRetention bound, Clock clock) {
    this.directory = directory;
    this.segments = segments;
    this.bound = bound;
    this.clock = clock;
  }

  /** Runs one pass; returns the number of segments deleted. */
  int enforce(long endPosition, Floors floors) throws IOException {
    int deleted = 0;
    while (true) {
      List<SegmentFile> snapshot = segments.snapshot();
      if (snapshot.size() < 2) {
        return deleted;
      }
      SegmentFile oldest = snapshot.getFirst();
      long oldestEnd = snapshot.get(1).basePosition();
      boolean consumed = oldestEnd <= floors.all();
      if (!consumed && !(oldestEnd <= floors.essential() && overBound(snapshot, endPosition, oldest))) {
        return deleted;
      }
      Optional<SegmentFile> removed = segments.removeOldestEndingBy(oldestEnd);
      if (removed.isEmpty()) {
        return deleted;
      }
      Files.deleteIfExists(oldest.path());
      DirectorySync.force(directory);
      deleted++;
      if (consumed) {
        log.atInfo().addKeyValue("segment", oldest.path()).addKeyValue("before", oldestEnd)
            .log("deleted WAL segment every durable consumer has passed");
      } else {
        warnSkipped(oldest, oldestEnd, floors.followers());
      }
    }
  }

  private boolean overBound(List<SegmentFile> snapshot, long endPosition, SegmentFile oldest) throws IOException {
    if (bound.overSize(bytes(snapshot, endPosition))) {
      return true;
    }
    if (bound.maxAge().isZero()) {
      return false;
    }
    try {
      Instant written = Files.getLastModifiedTime(oldest.path()).toInstant();
      return bound.overAge(Duration.between(written, clock.instant()));
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  private void warnSkipped(SegmentFile segment, long end, List<FollowerCursor> followers) {
    StringBuilder behind = new StringBuilder();
    for (FollowerCursor follower : followers) {
      if (follower.persisted() < end) {
        behind.append(behind.isEmpty() ? "" : ",").append(follower.name()).append('@').append(follower.persisted());
      }
    }
    log.atWarn().addKeyValue("segment", segment.path()).addKeyValue("from", segment.basePosition())
        .addKeyValue("to", end).addKeyValue("consumers_behind", behind.toString())
        .addKeyValue("max_bytes", bound.maxBytes()).addKeyValue("max_age", bound.maxAge())
        .log("deleted WAL segment over the retention bound before every consumer read it; they are told what they missed");
  }

  /** Bytes of the retained segment files (the active one up to the end). */
  static long bytes(List<SegmentFile> snapshot, long endPosition) {
    long bytes = 0;
    for (int i = 0; i < snapshot.size(); i++) {
      long segmentEnd = i + 1 < snapshot.size() ? snapshot.get(i + 1).basePosition() : endPosition;
      bytes += snapshot.get(i).fileOffset(Math.max(segmentEnd, snapshot.get(i).basePosition()));
    }
    return bytes;
  }
}
