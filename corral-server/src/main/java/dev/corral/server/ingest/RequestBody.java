package dev.corral.server.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Reads a request body into memory, bounded: the limit applies to the decompressed size, so a
 * gzip bomb is refused as soon as it inflates past it. Supports {@code Content-Encoding} gzip,
 * deflate and identity.
 *
 * @param bytes the body; only the first {@code length} bytes are meaningful
 */
public record RequestBody(byte[] bytes, int length) {
  private static final int CHUNK = 64 * 1024;
  /**
   * Largest declared length read into an array allocated up front: a shipper's batch (1,000 events
   * are about 0.6 MiB) fits, and a client that declares a length and sends nothing holds at most
   * this much heap; longer bodies grow their buffer as their bytes arrive.
   */
  private static final int MAX_PREALLOCATED_BYTES = 2 * 1024 * 1024;
  /** Bodies up to this many times the limit are read to the end (and dropped) before answering 413. */
  private static final long DISCARD_FACTOR = 2;

  /**
   * @param contentLength the Content-Length header, or null
   * @param contentEncoding the Content-Encoding header, or null
   * @throws IngestRejection {@link Refusal.TooLarge} past {@code maxBytes}, {@link Refusal.Malformed} for a
   *     corrupt or truncated compressed body or an empty one, {@link Refusal.Unsupported} for an unknown encoding
   */
  public static RequestBody read(InputStream raw, String contentLength, String contentEncoding, long maxBytes)
      throws IngestRejection, IOException {
    RequestBody body = readAllowingEmpty(raw, contentLength, contentEncoding, maxBytes);
    if (body.length == 0) {
      throw new IngestRejection(new Refusal.Malformed(), "request body is empty");
    }
    return body;
  }

  /**
   * Like {@link #read} but an empty body (also one that decompresses to nothing) is returned as a
   * body of length 0, for protocols where an empty request is valid (OTLP).
   */
  public static RequestBody readAllowingEmpty(InputStream raw, String contentLength, String contentEncoding,
      long maxBytes) throws IngestRejection, IOException {
    String encoding = contentEncoding == null ? "identity" : contentEncoding.trim().toLowerCase(Locale.ROOT);
    if (encoding.equals("identity") && contentLength != null) {
      long declared = parseLength(contentLength);
      if (declared > maxBytes) {
        discardModestExcess(raw, declared, maxBytes);
        throw tooLarge(declared, maxBytes);
      }
      if (declared >= 0 && declared <= MAX_PREALLOCATED_BYTES) {
        return readDeclared(raw, (int) declared, maxBytes);
      }
    }
    InputStream in = switch (encoding) {
      case "identity", "" -> raw;
      case "gzip", "x-gzip" -> open(() -> new GZIPInputStream(raw, CHUNK), "gzip");
      case "deflate" -> new InflaterInputStream(raw);
      default -> throw new IngestRejection(new Refusal.Unsupported(), "Content-Encoding '" + contentEncoding
          + "' is not supported; use gzip, deflate or none");
    };
    return readBounded(in, maxBytes, encoding);
  }

  /**
   * Reads a body of a declared length straight into an array of that length: one copy, where the
   * unsized read below copies it three to four times (chunk, growing buffer, exact array), and a
   * few hundred kilobytes per request add up at ingest rates. A stream that ends early gives what
   * arrived, as the unsized read does; one that goes on past the declared length is read on as an
   * unsized body, bounded the same way.
   */
  private static RequestBody readDeclared(InputStream in, int declared, long maxBytes)
      throws IngestRejection, IOException {
    byte[] bytes = new byte[declared];
    int filled = in.readNBytes(bytes, 0, declared);
    if (filled < declared) {
      return new RequestBody(bytes, filled);
    }
    int next = in.read();
    if (next < 0) {
      return new RequestBody(bytes, declared);
    }
    InputStream prefix = new SequenceInputStream(new ByteArrayInputStream(bytes),
        new ByteArrayInputStream(new byte[] {(byte) next}));
    return readBounded(new SequenceInputStream(prefix, in), maxBytes, "identity");
  }

  private static RequestBody readBounded(InputStream in, long maxBytes, String encoding)
      throws IngestRejection, IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(CHUNK);
    byte[] chunk = new byte[CHUNK];
    long total = 0;
    try {
      int n;
      while ((n = in.read(chunk)) > 0) {
        total += n;
        if (total > maxBytes) {
          discardModestExcess(in, Long.MAX_VALUE, maxBytes);
          throw tooLarge(total, maxBytes);
        }
        out.write(chunk, 0, n);
      }
    } catch (EOFException | ZipException e) {
      throw new IngestRejection(new Refusal.Malformed(), encoding + " body is truncated or corrupt (" + e.getMessage()
          + "); nothing from this request was stored");
    }
    byte[] bytes = out.toByteArray();
    return new RequestBody(bytes, bytes.length);
  }

  /**
   * Reads and drops what is left of a body a little over the limit, so the client, still sending,
   * gets the 413 instead of a reset connection. A body far over the limit (more than
   * {@link #DISCARD_FACTOR} times it) is not read: the connection is closed on it instead.
   */
  private static void discardModestExcess(InputStream in, long declared, long maxBytes) {
    if (declared > maxBytes * DISCARD_FACTOR) {
      return;
    }
    try {
      long budget = maxBytes * DISCARD_FACTOR;
      byte[] sink = new byte[CHUNK];
      int n;
      while (budget > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, budget))) > 0) {
        budget -= n;
      }
    } catch (IOException ignored) {
      // the client gave up; the 413 goes out or the connection closes, either way nothing was stored
    }
  }

  private interface StreamOpener {
    InputStream open() throws IOException;
  }

  private static InputStream open(StreamOpener opener, String encoding) throws IngestRejection, IOException {
    try {
      return opener.open();
    } catch (EOFException | ZipException e) {
      throw new IngestRejection(new Refusal.Malformed(), encoding + " body is truncated or corrupt (" + e.getMessage() + ")");
    }
  }

  private static long parseLength(String header) throws IngestRejection {
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      throw new IngestRejection(new Refusal.Malformed(), "Content-Length '" + header + "' is not a number");
    }
  }

  private static IngestRejection tooLarge(long size, long limit) {
    return new IngestRejection(new Refusal.TooLarge(), "request body is " + (size > limit ? "over " : "") + size
        + " bytes, more than the limit of " + limit + " bytes (http.max_body_bytes); split it into smaller batches");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RequestBody other && length == other.length
        && Arrays.equals(bytes, 0, length, other.bytes, 0, other.length);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(Arrays.copyOf(bytes, length));
  }

  @Override
  public String toString() {
    return "RequestBody[" + length + " bytes]";
  }
}
