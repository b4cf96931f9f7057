package dev.corral.server.inputs.gelf;

import dev.corral.server.ingest.IngestRejection;
import dev.corral.server.ingest.RequestBody;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Reads a GELF HTTP request body, bounded, and decompresses it. GELF senders compress without
 * always saying so, or say it loosely (graypy sends a zlib body with {@code Content-Encoding:
 * gzip,deflate}), so the compression is read from the body's first bytes, whatever the header
 * says: gzip ({@code 1f 8b}) or zlib ({@code 78 xx} with a valid header checksum, which no JSON
 * text starts with). A body the header calls {@code deflate} that is neither is read as raw
 * deflate. The header may list gzip, x-gzip, deflate, zlib and identity; anything else is 415.
 * The size limit applies to the body as sent and again to the decompressed body, so a gzip bomb
 * is refused as soon as it inflates past it. Stateless and thread-safe.
 */
final class GelfBodyReader {
  private static final int GZIP_MAGIC_0 = 0x1f;
  private static final int GZIP_MAGIC_1 = 0x8b;
  /** CMF of zlib: compression method 8 (deflate) in the low nibble, window size up to 32 KiB. */
  private static final int ZLIB_DEFLATE = 8;
  private static final int ZLIB_MAX_WINDOW_BITS = 7;
  /** A zlib header's two bytes, read as a big-endian number, are a multiple of 31 (RFC 1950). */
  private static final int ZLIB_CHECK_DIVISOR = 31;
  /** Read size while inflating; also the smallest output buffer. */
  private static final int CHUNK = 64 * 1024;
  private static final Set<String> KNOWN_CODINGS = Set.of("gzip", "x-gzip", "deflate", "zlib", "identity");

  private enum Compression { GZIP, ZLIB, RAW_DEFLATE }

  private GelfBodyReader() {}

  /**
   * @param contentLength the Content-Length header, or null (chunked transfer)
   * @param contentEncoding the Content-Encoding header, or null
   * @throws IngestRejection 413 past {@code maxBytes} (as sent or decompressed), 400 for an empty
   *     body, a truncated or corrupt compressed one, or one the header calls compressed that is
   *     not, 415 for an unknown Content-Encoding
   */
  static RequestBody read(InputStream raw, String contentLength, String contentEncoding, long maxBytes)
      throws IngestRejection, IOException {
    Set<String> codings = codings(contentEncoding);
    RequestBody body = RequestBody.read(raw, contentLength, null, maxBytes);
    if (isGzip(body)) {
      return inflate(body, Compression.GZIP, "gzip", maxBytes);
    }
    if (isZlib(body)) {
      return inflate(body, Compression.ZLIB, "zlib", maxBytes);
    }
    if (codings.contains("deflate") || codings.contains("zlib")) {
      return inflate(body, Compression.RAW_DEFLATE, "deflate", maxBytes);
    }
    if (!codings.isEmpty()) {
      throw new IngestRejection(400, String.format("Content-Encoding '%s' says the body is compressed, but it does "
          + "not start like gzip (1f 8b) or zlib (78 ..): first byte 0x%02x", contentEncoding, body.bytes()[0] & 0xFF));
    }
    return body;
  }

  /** The compressions the header names, without identity. */
  private static Set<String> codings(String header) throws IngestRejection {
    if (header == null || header.isBlank()) {
      return Set.of();
    }
    Set<String> codings = new HashSet<>();
    for (String part : header.split(",")) {
      String coding = part.trim().toLowerCase(Locale.ROOT);
      if (!KNOWN_CODINGS.contains(coding)) {
        throw new IngestRejection(415, "Content-Encoding '" + header + "' is not supported on /gelf; "
            + "use gzip, deflate (zlib) or none");
      }
      if (!coding.equals("identity")) {
        codings.add(coding);
      }
    }
    return codings;
  }

  static boolean isGzip(RequestBody body) {
    return body.length() >= 2 && (body.bytes()[0] & 0xFF) == GZIP_MAGIC_0 && (body.bytes()[1] & 0xFF) == GZIP_MAGIC_1;
  }

  static boolean isZlib(RequestBody body) {
    if (body.length() < 2) {
      return false;
    }
    int cmf = body.bytes()[0] & 0xFF;
    int flg = body.bytes()[1] & 0xFF;
    return (cmf & 0x0F) == ZLIB_DEFLATE && (cmf >> 4) <= ZLIB_MAX_WINDOW_BITS && ((cmf << 8) | flg) % ZLIB_CHECK_DIVISOR == 0;
  }

  private static RequestBody inflate(RequestBody compressed, Compression compression, String what, long maxBytes)
      throws IngestRejection, IOException {
    InputStream bytes = new ByteArrayInputStream(compressed.bytes(), 0, compressed.length());
    Inflater rawInflater = compression == Compression.RAW_DEFLATE ? new Inflater(true) : null;
    try {
      return inflate(bytes, rawInflater, compression, what, maxBytes, compressed.length());
    } finally {
      if (rawInflater != null) {
        rawInflater.end(); // a caller-supplied inflater is not ended by the stream's close
      }
    }
  }

  private static RequestBody inflate(InputStream bytes, Inflater rawInflater, Compression compression, String what,
      long maxBytes, int compressedLength) throws IngestRejection, IOException {
    InputStream in;
    try {
      in = switch (compression) {
        case GZIP -> new GZIPInputStream(bytes);
        case ZLIB -> new InflaterInputStream(bytes);
        case RAW_DEFLATE -> new InflaterInputStream(bytes, rawInflater);
      };
    } catch (EOFException | ZipException e) {
      throw corrupt(what, e);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(maxBytes, Math.max(CHUNK, compressedLength * 4L)));
    byte[] chunk = new byte[CHUNK];
    long total = 0;
    try (in) {
      int n;
      while ((n = in.read(chunk)) > 0) {
        total += n;
        if (total > maxBytes) {
          throw new IngestRejection(413, what + " body inflates to more than the limit of "
              + maxBytes + " bytes (http.max_body_bytes); split it into smaller requests");
        }
        out.write(chunk, 0, n);
      }
    } catch (EOFException | ZipException e) {
      throw corrupt(what, e);
    }
    if (total == 0) {
      throw new IngestRejection(400, what + " body inflates to nothing; send at least one GELF message");
    }
    byte[] inflated = out.toByteArray();
    return new RequestBody(inflated, inflated.length);
  }

  private static IngestRejection corrupt(String what, IOException e) {
    return new IngestRejection(400, what + " body is truncated or corrupt (" + e.getMessage()
        + "); nothing from this request was stored");
  }
}
