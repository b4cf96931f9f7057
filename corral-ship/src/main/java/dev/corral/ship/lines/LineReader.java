package dev.corral.ship.lines;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * Splits the bytes of one stream into lines: a line ends at {@code \n}; a {@code \r} before it is dropped.
 * Reads with one large buffer and copies a line's bytes only to decode them.
 *
 * <p>Rules:
 *
 * <ol>
 *   <li>Bytes that are not valid UTF-8 are replaced by U+FFFD; reading never fails on content.
 *   <li>A line longer than {@code maxLineBytes} keeps its first {@code maxLineBytes} bytes (cut at a character
 *       boundary) and is flagged {@link Line#truncated()}; the rest, up to its {@code \n}, is skipped without
 *       being held in memory, so a 10 MB line (or a binary file without line breaks) costs at most the limit.
 *   <li>Bytes after the last {@code \n} wait for the rest of their line; {@link #drainPartial()} hands them out
 *       at the true end of a stream (stdin closed, a deleted file read to its end).
 *   <li>{@link Line#endOffset()} counts bytes from the stream's start, beginning at the offset given.
 * </ol>
 *
 * Not thread-safe: one reader per stream, used by one thread.
 */
public final class LineReader {
  /** Large enough that one read() call moves many lines (fewer system calls when catching up). */
  public static final int BUFFER_BYTES = 256 * 1024;
  /** A tailed file starts small: thousands of open files must not each hold the catch-up buffer. */
  static final int FIRST_BUFFER_BYTES = 16 * 1024;

  private final ReadableByteChannel channel;
  private final int maxLineBytes;
  private byte[] buffer;
  private ByteBuffer window;
  private long base;          // stream offset of buffer[0]
  private int start;          // beginning of the pending (unterminated) line in buffer
  private int limit;          // end of the bytes read into buffer
  private String skippedHead; // a too-long line's kept beginning while its rest is skipped

  /**
   * @param channel      the stream, positioned at {@code startOffset}
   * @param startOffset  the stream offset of the channel's position
   * @param maxLineBytes the longest line kept whole
   */
  public LineReader(ReadableByteChannel channel, long startOffset, int maxLineBytes) {
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("max line bytes " + maxLineBytes + " must be at least 1");
    }
    this.channel = channel;
    this.maxLineBytes = maxLineBytes;
    this.buffer = new byte[Math.min(FIRST_BUFFER_BYTES, maxLineBytes + 1)];
    this.window = ByteBuffer.wrap(buffer);
    this.base = startOffset;
  }

  /**
   * Reads once from the channel and hands every line completed by the bytes read to {@code sink}.
   *
   * @return the number of bytes read, 0 when none were available, -1 at the channel's end
   */
  public int read(LineSink sink) throws IOException, InterruptedException {
    compact();
    if (limit == buffer.length) {
      grow(); // one line fills the buffer and is not yet over the limit
    }
    window.limit(buffer.length).position(limit);
    int read = channel.read(window);
    if (read <= 0) {
      return read;
    }
    if (limit + read == buffer.length && buffer.length < BUFFER_BYTES) {
      grow(); // a read filled the buffer: catching up, so read more at once next time
    }
    int scanFrom = limit;
    limit += read;
    split(scanFrom, sink);
    return read;
  }

  /** The offset just past the last byte read (complete lines and the pending tail). */
  public long readOffset() {
    return base + limit;
  }

  /** Whether bytes of an unterminated line are held. */
  public boolean hasPartial() {
    return skippedHead != null || limit > start;
  }

  /** Hands out the unterminated tail as a line, at the true end of the stream. */
  public void drainPartial(LineSink sink) throws InterruptedException {
    if (skippedHead != null) {
      String head = skippedHead;
      skippedHead = null;
      base += limit;
      start = limit = 0;
      sink.accept(new Line(head, base, true));
    } else if (limit > start) {
      int end = limit;
      Line line = line(start, end, end);
      start = end;
      sink.accept(line);
    }
  }

  private void split(int from, LineSink sink) throws InterruptedException {
    byte[] bytes = buffer;
    for (int i = from; i < limit; i++) {
      if (bytes[i] != '\n') {
        continue;
      }
      Line line;
      if (skippedHead != null) {
        line = new Line(skippedHead, base + i + 1, true);
        skippedHead = null;
      } else {
        line = line(start, i, i + 1);
      }
      start = i + 1;
      sink.accept(line);
    }
    if (skippedHead != null) {
      discardAll();
    } else if (limit - start > maxLineBytes) {
      skippedHead = decode(start, cut(start, maxLineBytes));
      discardAll();
    }
  }

  private Line line(int from, int end, int next) {
    int stop = end > from && buffer[end - 1] == '\r' ? end - 1 : end;
    if (stop - from > maxLineBytes) {
      return new Line(decode(from, cut(from, maxLineBytes)), base + next, true);
    }
    return new Line(decode(from, stop - from), base + next, false);
  }

  /** The length of at most {@code length} bytes from {@code from} that ends on a UTF-8 character boundary. */
  private int cut(int from, int length) {
    int end = from + length;
    int back = 0;
    while (back < 4 && end - back > from && (buffer[end - back] & 0xC0) == 0x80) {
      back++;
    }
    return back == 4 ? length : length - back; // four continuation bytes: not UTF-8 anyway, cut where asked
  }

  private String decode(int from, int length) {
    return new String(buffer, from, length, StandardCharsets.UTF_8);
  }

  private void discardAll() {
    base += limit;
    start = limit = 0;
  }

  private void grow() {
    int size = (int) Math.min(Math.max((long) buffer.length * 2, FIRST_BUFFER_BYTES),
        Math.max(BUFFER_BYTES, maxLineBytes + 1L));
    if (size > buffer.length) {
      buffer = java.util.Arrays.copyOf(buffer, size);
      window = ByteBuffer.wrap(buffer);
    }
  }

  private void compact() {
    if (start == 0) {
      return;
    }
    System.arraycopy(buffer, start, buffer, 0, limit - start);
    base += start;
    limit -= start;
    start = 0;
  }
}
