package dev.corral.server.inputs.beats;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Reads Lumberjack frames, byte by byte as the protocol defines them (numbers unsigned 32-bit big-endian):
 *
 * <pre>
 *   window      '2' 'W' size:u32
 *   json        '2' 'J' seq:u32 length:u32 payload[length]                   (one event as a JSON object)
 *   key/value   '2' 'D' seq:u32 pairs:u32 (keyLength:u32 key valueLength:u32 value)*pairs
 *   compressed  '2' 'C' length:u32 zlib[length]                               (inflates to more frames)
 * </pre>
 * The version byte may also be {@code '1'} (logstash-forwarder, which sends no {@code J}). Every length is checked
 * before anything is allocated: a data frame longer than {@code ingest.max_event_bytes} is skipped and returned as
 * {@link Frame.Oversized}, one longer than {@link BeatsLimits#maxFrameBytes()} is a {@link LumberjackException}. Frames
 * inside a compressed frame are read by the reader {@link #inflate} returns, which refuses windows and nested
 * compression and fails past {@link BeatsLimits#maxInflatedBytes()}. One per connection; not thread-safe.
 */
final class FrameReader {
  /** Start of an oversized event kept for its dead letter. */
  static final int EXCERPT_BYTES = 1024;

  private final DataInputStream in;
  private final BeatsLimits limits;
  private final int maxEventBytes;
  private final int maxFields;
  /** Where this reader's frames come from in the connection, for errors: empty for the connection itself. */
  private final String inside;
  private long position;

  FrameReader(InputStream connection, BeatsLimits limits, int maxEventBytes, int maxFields) {
    this(new BufferedInputStream(connection, 16 * 1024), limits, maxEventBytes, maxFields, "");
  }

  private FrameReader(InputStream in, BeatsLimits limits, int maxEventBytes, int maxFields, String inside) {
    this.in = new DataInputStream(in);
    this.limits = limits;
    this.maxEventBytes = maxEventBytes;
    this.maxFields = maxFields;
    this.inside = inside;
  }

  /** Bytes read so far (of the connection, or of the inflated payload for an inner reader). */
  long position() {
    return position;
  }

  /** Longest event a data frame may carry ({@code ingest.max_event_bytes}). */
  int maxEventBytes() {
    return maxEventBytes;
  }

  /** Whether this reader reads the frames of a compressed frame. */
  boolean inflated() {
    return !inside.isEmpty();
  }

  /**
   * The next frame, or null when the stream ends between frames.
   *
   * @throws LumberjackException for a frame that breaks the protocol or a limit
   * @throws EOFException when the connection ends inside a frame
   */
  Frame next() throws IOException {
    long start = position;
    int version = in.read();
    if (version < 0) {
      return null;
    }
    position++;
    if (version != '2' && version != '1') {
      throw error(start, "version byte is " + describe(version) + ", not '2' (Lumberjack v2) or '1'");
    }
    int type = readByte(start);
    return switch (type) {
      case 'W' -> window((byte) version, start);
      case 'J' -> json(start);
      case 'D' -> keyValues(start);
      case 'C' -> compressed(start);
      default -> throw error(start, "unknown frame type " + describe(type) + " (expected W, J, D or C)");
    };
  }

  /**
   * A reader of the frames inside {@code frame}, which must be the frame {@link #next()} just returned. Read it to its
   * end (null), then call {@link Inflated#finish()} before reading on with this reader.
   */
  Inflated inflate(Frame.Compressed frame) {
    long start = position - 6;
    ExactLengthStream payload = new ExactLengthStream(in, frame.length());
    Inflater inflater = new Inflater();
    InputStream inflated = new InflateLimitStream(new InflaterInputStream(payload, inflater, 8192),
        limits.maxInflatedBytes(), start);
    FrameReader inner = new FrameReader(inflated, limits, maxEventBytes, maxFields,
        " inside the compressed frame at byte " + start + (inside.isEmpty() ? "" : inside));
    return new Inflated(inner, payload, inflater, start, frame.length(), this);
  }

  /** The frames of one compressed frame. */
  static final class Inflated {
    private final FrameReader frames;
    private final ExactLengthStream payload;
    private final Inflater inflater;
    private final long start;
    private final long length;
    private final FrameReader outer;

    private Inflated(FrameReader frames, ExactLengthStream payload, Inflater inflater, long start, long length,
        FrameReader outer) {
      this.frames = frames;
      this.payload = payload;
      this.inflater = inflater;
      this.start = start;
      this.length = length;
      this.outer = outer;
    }

    /** The next frame inside, or null at the end of the payload. */
    Frame next() throws IOException {
      try {
        return frames.next();
      } catch (ZipException e) {
        throw new LumberjackException("compressed frame at byte " + start + " is not a valid zlib stream: "
            + e.getMessage(), e);
      } catch (EOFException e) {
        if (payload.remaining() > 0) {
          throw e; // the connection ended inside the compressed payload
        }
        throw new LumberjackException("compressed frame at byte " + start + " of " + length + " bytes ends inside a "
            + "frame (its zlib stream or a frame in it is cut short after " + frames.position() + " inflated bytes)", e);
      }
    }

    /** Skips what follows the zlib stream in the payload and moves the outer reader past the frame. */
    void finish() throws IOException {
      payload.drain();
      outer.position += length;
      inflater.end();
    }
  }

  private Frame window(byte version, long start) throws IOException {
    long size = readUint32(start);
    if (inflated()) {
      throw error(start, "a window frame inside a compressed frame");
    }
    if (size > limits.maxWindowEvents()) {
      throw error(start, "window of " + size + " events is more than the limit of " + limits.maxWindowEvents());
    }
    return new Frame.Window(version, size);
  }

  private Frame json(long start) throws IOException {
    long seq = readUint32(start);
    long length = readUint32(start);
    checkFrameLength(length, start, "JSON frame");
    if (length > maxEventBytes) {
      byte[] excerpt = readBytes((int) Math.min(length, EXCERPT_BYTES), start);
      skip(length - excerpt.length, start);
      return new Frame.Oversized(seq, length, excerpt);
    }
    return new Frame.Json(seq, readBytes((int) length, start));
  }

  private Frame keyValues(long start) throws IOException {
    long seq = readUint32(start);
    long pairs = readUint32(start);
    if (pairs > maxFields) {
      throw error(start, "key/value frame with " + pairs + " pairs, more than the limit of " + maxFields
          + " (ingest.max_fields)");
    }
    List<byte[]> keys = new ArrayList<>((int) pairs);
    List<byte[]> values = new ArrayList<>((int) pairs);
    long bytes = 0;
    for (int i = 0; i < pairs; i++) {
      byte[] key = string(start, bytes);
      bytes += key.length;
      byte[] value = string(start, bytes);
      bytes += value.length;
      keys.add(key);
      values.add(value);
    }
    return new Frame.KeyValues(seq, List.copyOf(keys), List.copyOf(values), (int) bytes);
  }

  private byte[] string(long start, long sofar) throws IOException {
    long length = readUint32(start);
    if (sofar + length > maxEventBytes) {
      throw error(start, "key/value frame of more than " + maxEventBytes + " bytes (ingest.max_event_bytes); a "
          + "string of " + length + " bytes follows " + sofar);
    }
    return readBytes((int) length, start);
  }

  private Frame compressed(long start) throws IOException {
    long length = readUint32(start);
    if (inflated()) {
      throw error(start, "a compressed frame inside a compressed frame");
    }
    checkFrameLength(length, start, "compressed frame");
    return new Frame.Compressed(length);
  }

  private void checkFrameLength(long length, long start, String what) throws LumberjackException {
    if (length > limits.maxFrameBytes()) {
      throw error(start, what + " of " + length + " bytes is longer than the limit of " + limits.maxFrameBytes());
    }
  }

  private int readByte(long start) throws IOException {
    int b = in.read();
    if (b < 0) {
      throw truncated(start);
    }
    position++;
    return b;
  }

  private long readUint32(long start) throws IOException {
    try {
      long value = Integer.toUnsignedLong(in.readInt());
      position += 4;
      return value;
    } catch (EOFException e) {
      throw truncated(start);
    }
  }

  private byte[] readBytes(int length, long start) throws IOException {
    byte[] bytes = new byte[length];
    try {
      in.readFully(bytes);
    } catch (EOFException e) {
      throw truncated(start);
    }
    position += length;
    return bytes;
  }

  private void skip(long length, long start) throws IOException {
    try {
      in.skipNBytes(length);
    } catch (EOFException e) {
      throw truncated(start);
    }
    position += length;
  }

  private EOFException truncated(long start) {
    return new EOFException("stream ended inside the frame at byte " + start + inside);
  }

  private LumberjackException error(long start, String reason) {
    return new LumberjackException(reason + ", at byte " + start + inside);
  }

  private static String describe(int b) {
    return String.format("0x%02x", b) + (b >= 0x20 && b < 0x7f ? " ('" + (char) b + "')" : "");
  }
}
