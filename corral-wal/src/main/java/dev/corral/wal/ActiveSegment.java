package dev.corral.wal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * The segment the writer appends to. Knows its durable size (the file size after the last
 * successful fsync) so a failed write can be cut back to it.
 *
 * <p>Used by the writer thread only.
 */
final class ActiveSegment implements Closeable {
  private final SegmentFile file;
  private final FileChannel channel;
  private long durableSize;

  private ActiveSegment(SegmentFile file, FileChannel channel, long durableSize) {
    this.file = file;
    this.channel = channel;
    this.durableSize = durableSize;
  }

  /** Opens an existing, recovered segment whose records end at {@code endPosition}. */
  static ActiveSegment open(SegmentFile file, long endPosition, ChannelOpener opener)
      throws IOException {
    FileChannel channel = opener.open(file.path(), Set.of(StandardOpenOption.WRITE));
    long size = file.fileOffset(endPosition);
    try {
      if (channel.size() != size) {
        throw new IllegalStateException("BUG: segment " + file.path() + " is " + channel.size()
            + " bytes after recovery, expected " + size);
      }
      channel.position(size);
      return new ActiveSegment(file, channel, size);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * Creates a new segment file holding only its header, durably: the header and the directory
   * entry are fsynced. On failure the partial file is removed (best effort) and the error
   * rethrown; a removal that fails is added to it as suppressed.
   */
  static ActiveSegment create(SegmentFile file, ChannelOpener opener) throws IOException {
    FileChannel channel = opener.open(file.path(),
        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    try {
      ByteBuffer header = SegmentFile.header();
      while (header.hasRemaining()) {
        channel.write(header);
      }
      channel.force(true);
      DirectorySync.force(file.path().getParent());
      return new ActiveSegment(file, channel, SegmentFile.HEADER_BYTES);
    } catch (IOException | RuntimeException e) {
      try {
        channel.close();
        Files.deleteIfExists(file.path());
        DirectorySync.force(file.path().getParent());
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  SegmentFile file() {
    return file;
  }

  /** True when the segment holds no record. */
  boolean isEmpty() {
    return durableSize == SegmentFile.HEADER_BYTES;
  }

  /** True when {@code bytes} more would keep the file within {@code segmentBytes}. */
  boolean fits(long bytes, long segmentBytes) {
    return durableSize + bytes <= segmentBytes;
  }

  /** Writes all of {@code buffer} at the end of the file (not yet durable). */
  void write(ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  /** Fsyncs what was written; the file is then durable up to {@code size} bytes. */
  void commit(long size) throws IOException {
    channel.force(false);
    durableSize = size;
  }

  /** Cuts off everything written since the last commit, durably. */
  void rollback() throws IOException {
    channel.truncate(durableSize);
    channel.position(durableSize);
    channel.force(true);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
