package dev.corral.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts records between two positions, for the records-behind figure of each consumer. Positions
 * are bytes, so counting means hopping from record header to record header (reading 8 bytes per
 * record, in 64 KiB chunks, never the payloads). Each count is remembered as a milestone (position →
 * records before it in its segment), so the next count only hops over what was appended or consumed
 * since: the cost of a stats call is proportional to the records that moved, not to the lag.
 *
 * <p>Thread-safe (synchronized); off the write path: only stats and metrics call it.
 */
final class RecordCounter {
  /** Large enough that small records are counted with few reads. */
  private static final int CHUNK_BYTES = 1 << 16;
  /** Milestones kept per segment; two per consumer per call, so this covers many consumers. */
  private static final int MAX_MILESTONES = 256;

  private final Map<Long, TreeMap<Long, Long>> milestones = new HashMap<>();
  private final ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES);

  /**
   * Records in {@code [from, end)}; {@code from} and {@code end} are record boundaries. Segments
   * deleted meanwhile count as empty.
   */
  synchronized long between(List<SegmentFile> snapshot, long from, long end) throws IOException {
    milestones.keySet().removeIf(base -> snapshot.stream().noneMatch(s -> s.basePosition() == base));
    long records = 0;
    for (int i = 0; i < snapshot.size(); i++) {
      SegmentFile segment = snapshot.get(i);
      long segmentEnd = i + 1 < snapshot.size() ? Math.min(end, snapshot.get(i + 1).basePosition()) : end;
      long start = Math.max(from, segment.basePosition());
      if (segmentEnd <= start) {
        continue;
      }
      try {
        records += recordsBefore(segment, segmentEnd) - recordsBefore(segment, start);
      } catch (NoSuchFileException e) {
        // deleted since the snapshot: nothing left to be behind on
      }
    }
    return records;
  }

  private long recordsBefore(SegmentFile segment, long position) throws IOException {
    TreeMap<Long, Long> known = milestones.computeIfAbsent(segment.basePosition(), base -> new TreeMap<>());
    known.putIfAbsent(segment.basePosition(), 0L);
    Map.Entry<Long, Long> floor = known.floorEntry(position);
    if (floor.getKey() == position) {
      return floor.getValue();
    }
    long records = floor.getValue() + hop(segment, segment.fileOffset(floor.getKey()), segment.fileOffset(position));
    if (known.size() >= MAX_MILESTONES) {
      known.clear();
      known.put(segment.basePosition(), 0L);
    }
    known.put(position, records);
    return records;
  }

  /** Records starting in {@code [from, to)} file offsets, hopping header to header. */
  private long hop(SegmentFile segment, long from, long to) throws IOException {
    long records = 0;
    try (FileChannel channel = FileChannel.open(segment.path(), StandardOpenOption.READ)) {
      long offset = from;
      long chunkStart = -1;
      while (offset < to) {
        if (chunkStart < 0 || offset + RecordFormat.HEADER_BYTES > chunkStart + chunk.limit()) {
          chunk.clear();
          chunkStart = offset;
          while (chunk.hasRemaining() && channel.read(chunk, chunkStart + chunk.position()) >= 0) {
            // fill the chunk or reach the end of the file
          }
          chunk.flip();
          if (chunk.limit() < RecordFormat.HEADER_BYTES) {
            throw new WalCorruptException(segment.path(), offset, "file ends inside a record header");
          }
        }
        int length = chunk.getInt((int) (offset - chunkStart));
        if (length < 0) {
          throw new WalCorruptException(segment.path(), offset, "negative record length " + length);
        }
        offset += RecordFormat.encodedBytes(length);
        records++;
      }
    }
    return records;
  }
}
