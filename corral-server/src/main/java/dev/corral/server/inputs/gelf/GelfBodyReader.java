package dev.corral.server.inputs.gelf;

import dev.corral.server.ingest.IngestRejection;
import dev.corral.server.ingest.RequestBody;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Reads a GELF HTTP request body, bounded, and decompresses it. GELF senders compress without
 * always saying so, so besides {@code Content-Encoding: gzip / deflate} (handled by
 * {@link RequestBody#read}) an uncompressed-looking body is recognised by its first bytes: gzip
 * ({@code 1f 8b}) or zlib ({@code 78 xx} with a valid header checksum, which no JSON text starts
 * with). {@code Content-Encoding: zlib} is read like {@code deflate}. The size limit applies to the
 * compressed body as sent and again to the decompressed body, so a gzip bomb is refused as soon as it
 * inflates past it. Stateless and thread-safe.
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

  private GelfBodyReader() {}

  /**
   * @param contentLength the Content-Length header, or null (chunked transfer)
   * @param contentEncoding the Content-Encoding header, or null
   * @throws IngestRejection 413 past {@code maxBytes} (compressed or not), 400 for an empty body or
   *     a truncated or corrupt compressed one, 415 for an unknown Content-Encoding
   */
  static RequestBody read(InputStream raw, String contentLength, String contentEncoding, long maxBytes)
      throws IngestRejection, IOException {
    String encoding = contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(Locale.ROOT);
    if (encoding.equals("zlib")) {
      encoding = "deflate";
    }
    RequestBody body = RequestBody.read(raw, contentLength, encoding.isEmpty() ? null : encoding, maxBytes);
    if (!encoding.isEmpty() && !encoding.equals("identity")) {
      return body; // decompressed by RequestBody as the header said
    }
    if (isGzip(body)) {
      return inflate(body, "gzip (recognised by its magic bytes 1f 8b)", maxBytes, true);
    }
    if (isZlib(body)) {
      return inflate(body, "zlib (recognised by its header bytes)", maxBytes, false);
    }
    return body;
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

  private static RequestBody inflate(RequestBody compressed, String what, long maxBytes, boolean gzip)
      throws IngestRejection, IOException {
    InputStream bytes = new ByteArrayInputStream(compressed.bytes(), 0, compressed.length());
    InputStream in;
    try {
      in = gzip ? new GZIPInputStream(bytes) : new InflaterInputStream(bytes);
    } catch (EOFException | ZipException e) {
      throw corrupt(what, e);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(maxBytes, Math.max(CHUNK, compressed.length() * 4L)));
    byte[] chunk = new byte[CHUNK];
    long total = 0;
    try (in) {
      int n;
      while ((n = in.read(chunk)) > 0) {
        total += n;
        if (total > maxBytes) {
          throw new IngestRejection(413, what + " body inflates to over " + maxBytes + " bytes, more than the limit of "
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
