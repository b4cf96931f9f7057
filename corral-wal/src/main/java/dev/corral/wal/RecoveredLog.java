package dev.corral.wal;

import java.util.List;

/**
 * What {@link LogRecovery} found: the segments in order (the last one to be appended to) and
 * the position after the last intact record.
 */
record RecoveredLog(List<SegmentFile> segments, long endPosition) {
  RecoveredLog {
    segments = List.copyOf(segments);
  }
}
