package dev.corral.server.inputs.gelf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * The compressions GELF senders use, recognised by their first bytes, and bounded inflation. Shared
 * by the HTTP input (request bodies) and the UDP input (datagrams and reassembled chunked
 * messages): gzip starts {@code 1f 8b}, zlib {@code 78 xx} with a valid header checksum (no JSON
 * text starts like either). Inflation stops as soon as the output passes the limit, so a gzip bomb
 * costs at most the limit plus one read chunk. Stateless and thread-safe.
 */
final class GelfCompression {
  private static final int GZIP_MAGIC_0 = 0x1f;
  private static final int GZIP_MAGIC_1 = 0x8b;
  /** CMF of zlib: compression method 8 (deflate) in the low nibble, window size up to 32 KiB. */
  private static final int ZLIB_DEFLATE = 8;
  private static final int ZLIB_MAX_WINDOW_BITS = 7;
  /** A zlib header's two bytes, read as a big-endian number, are a multiple of 31 (RFC 1950). */
  private static final int ZLIB_CHECK_DIVISOR = 31;
  /** Read size while inflating; also the smallest output buffer. */
  private static final int CHUNK = 64 * 1024;

  /** A compression, with the name errors use. */
  enum Kind {
    GZIP("gzip"), ZLIB("zlib"), RAW_DEFLATE("deflate");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    String label() {
      return label;
    }
  }

  /** Why inflation failed; the message says what happened, without the place (the caller adds it). */
  static final class InflateFailure extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    enum Problem { TOO_LARGE, CORRUPT, EMPTY }

    private final Problem problem;

    InflateFailure(Problem problem, String message, Throwable cause) {
      super(message, cause);
      this.problem = problem;
    }

    Problem problem() {
      return problem;
    }
  }

  private GelfCompression() {}

  /** The compression {@code bytes[offset, offset + length)} starts with, or null for none. */
  static Kind sniff(byte[] bytes, int offset, int length) {
    if (length < 2) {
      return null;
    }
    int b0 = bytes[offset] & 0xFF;
    int b1 = bytes[offset + 1] & 0xFF;
    if (b0 == GZIP_MAGIC_0 && b1 == GZIP_MAGIC_1) {
      return Kind.GZIP;
    }
    boolean zlib = (b0 & 0x0F) == ZLIB_DEFLATE && (b0 >> 4) <= ZLIB_MAX_WINDOW_BITS
        && ((b0 << 8) | b1) % ZLIB_CHECK_DIVISOR == 0;
    return zlib ? Kind.ZLIB : null;
  }

  /**
   * Inflates {@code bytes[offset, offset + length)}.
   *
   * @throws InflateFailure TOO_LARGE once the output passes {@code maxBytes}, CORRUPT for truncated
   *     or corrupt input, EMPTY when it inflates to nothing
   */
  static byte[] inflate(byte[] bytes, int offset, int length, Kind kind, long maxBytes) throws InflateFailure {
    InputStream compressed = new ByteArrayInputStream(bytes, offset, length);
    Inflater rawInflater = kind == Kind.RAW_DEFLATE ? new Inflater(true) : null;
    try {
      return inflate(compressed, rawInflater, kind, maxBytes, length);
    } catch (EOFException | ZipException e) {
      throw new InflateFailure(InflateFailure.Problem.CORRUPT, "truncated or corrupt (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new IllegalStateException("BUG: I/O error reading a byte array: " + e, e);
    } finally {
      if (rawInflater != null) {
        rawInflater.end(); // a caller-supplied inflater is not ended by the stream's close
      }
    }
  }

  private static byte[] inflate(InputStream compressed, Inflater rawInflater, Kind kind, long maxBytes,
      int compressedLength) throws IOException, InflateFailure {
    InputStream in = switch (kind) {
      case GZIP -> new GZIPInputStream(compressed);
      case ZLIB -> new InflaterInputStream(compressed);
      case RAW_DEFLATE -> new InflaterInputStream(compressed, rawInflater);
    };
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(maxBytes, Math.max(CHUNK, compressedLength * 4L)));
    byte[] chunk = new byte[CHUNK];
    long total = 0;
    try (in) {
      int n;
      while ((n = in.read(chunk)) > 0) {
        total += n;
        if (total > maxBytes) {
          throw new InflateFailure(InflateFailure.Problem.TOO_LARGE, "inflates to more than the limit of "
              + maxBytes + " bytes", null);
        }
        out.write(chunk, 0, n);
      }
    }
    if (total == 0) {
      throw new InflateFailure(InflateFailure.Problem.EMPTY, "inflates to nothing", null);
    }
    return out.toByteArray();
  }
}
