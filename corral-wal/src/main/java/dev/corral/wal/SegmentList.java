package dev.corral.wal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The retained segments, oldest first; the last one is the active segment. Readers take an
 * immutable snapshot without locking; the writer (rolling) and deletion change it under the
 * object's monitor. Never empty.
 */
final class SegmentList {
  private volatile List<SegmentFile> segments;

  SegmentList(List<SegmentFile> initial) {
    if (initial.isEmpty()) {
      throw new IllegalArgumentException("a WAL has at least one segment");
    }
    segments = List.copyOf(initial);
  }

  List<SegmentFile> snapshot() {
    return segments;
  }

  SegmentFile first() {
    return segments.getFirst();
  }

  SegmentFile last() {
    return segments.getLast();
  }

  boolean contains(SegmentFile segment) {
    return segments.contains(segment);
  }

  synchronized void add(SegmentFile segment) {
    if (segment.basePosition() <= last().basePosition()) {
      throw new IllegalStateException("BUG: segment " + segment.path() + " does not follow "
          + last().path());
    }
    List<SegmentFile> next = new ArrayList<>(segments);
    next.add(segment);
    segments = List.copyOf(next);
  }

  /**
   * Removes the oldest segment if it is not the active one and all its records end at or
   * before {@code position} (its successor starts there or earlier).
   */
  synchronized Optional<SegmentFile> removeOldestEndingBy(long position) {
    List<SegmentFile> current = segments;
    if (current.size() < 2 || current.get(1).basePosition() > position) {
      return Optional.empty();
    }
    segments = List.copyOf(current.subList(1, current.size()));
    return Optional.of(current.getFirst());
  }
}
