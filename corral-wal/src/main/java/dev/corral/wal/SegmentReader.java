package dev.corral.wal;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * Reads the records of one segment in order, checking each one, up to a file offset fixed at
 * open. Any record that is incomplete, runs past the limit or fails its checksum ends the read
 * with a {@link WalCorruptException} giving the offset where that record starts; recovery uses
 * that offset to cut a torn tail, replay reports it.
 *
 * <p>Not thread-safe; one reader per replay.
 */
final class SegmentReader implements Closeable {
  /** Large enough that reading is sequential I/O, small enough to allocate per replay. */
  private static final int BUFFER_BYTES = 1 << 16;

  private final SegmentFile segment;
  private final long limit;
  private final FileChannel channel;
  private final DataInputStream in;
  private long offset;
  private long position;
  private byte[] payload;

  private SegmentReader(SegmentFile segment, long start, long limit, FileChannel channel) {
    this.segment = segment;
    this.offset = start;
    this.limit = limit;
    this.channel = channel;
    this.in = new DataInputStream(
        new BufferedInputStream(Channels.newInputStream(channel), BUFFER_BYTES));
  }

  /**
   * Opens {@code segment} and checks its header; reading stops at file offset {@code limit}.
   *
   * @throws java.nio.file.NoSuchFileException when the file is gone
   */
  static SegmentReader open(SegmentFile segment, long limit) throws IOException {
    return openAt(segment, SegmentFile.HEADER_BYTES, limit);
  }

  /**
   * Opens {@code segment}, checks its header and starts reading at file offset {@code start}, which
   * must be where a record starts (else the first {@link #next} fails its checksum).
   *
   * @throws java.nio.file.NoSuchFileException when the file is gone
   */
  static SegmentReader openAt(SegmentFile segment, long start, long limit) throws IOException {
    FileChannel channel = FileChannel.open(segment.path(), StandardOpenOption.READ);
    try {
      segment.checkHeader(channel);
      channel.position(start);
      return new SegmentReader(segment, start, limit, channel);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * Reads the next record.
   *
   * @return false at the limit
   * @throws WalCorruptException when the record at the current offset is not intact
   */
  boolean next() throws IOException {
    if (offset >= limit) {
      return false;
    }
    long start = offset;
    if (limit - start < RecordFormat.HEADER_BYTES) {
      throw corrupt(start, "incomplete record header: " + (limit - start) + " bytes left");
    }
    byte[] header = in.readNBytes(RecordFormat.HEADER_BYTES);
    if (header.length < RecordFormat.HEADER_BYTES) {
      throw corrupt(start, "file ends inside a record header");
    }
    int length = readInt(header, 0);
    int checksum = readInt(header, 4);
    long room = limit - start - RecordFormat.HEADER_BYTES;
    if (length < 0 || length > room) {
      throw corrupt(start, "record length " + length + " does not fit in the " + room
          + " bytes left in the segment");
    }
    byte[] body = in.readNBytes(length);
    if (body.length < length) {
      throw corrupt(start, "file ends inside a record payload of " + length + " bytes");
    }
    long recordPosition = segment.position(start);
    int actual = RecordFormat.checksum(recordPosition, body, 0, length);
    if (actual != checksum) {
      throw corrupt(start, String.format(
          "checksum mismatch for a record of %d bytes: stored 0x%08x, computed 0x%08x",
          length, checksum, actual));
    }
    position = recordPosition;
    payload = body;
    offset = start + RecordFormat.encodedBytes(length);
    return true;
  }

  /** Position of the record last read. */
  long position() {
    return position;
  }

  /** Position just after the record last read. */
  long nextPosition() {
    return segment.position(offset);
  }

  /** Payload of the record last read (a fresh array per record). */
  byte[] payload() {
    return payload;
  }

  /** File offset just after the last intact record. */
  long offset() {
    return offset;
  }

  private WalCorruptException corrupt(long at, String reason) {
    return new WalCorruptException(segment.path(), at, reason);
  }

  private static int readInt(byte[] bytes, int at) {
    return ((bytes[at] & 0xff) << 24) | ((bytes[at + 1] & 0xff) << 16)
        | ((bytes[at + 2] & 0xff) << 8) | (bytes[at + 3] & 0xff);
  }

  @Override
  public void close() throws IOException {
    in.close();
    channel.close();
  }
}
