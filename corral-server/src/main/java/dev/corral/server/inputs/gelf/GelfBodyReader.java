package dev.corral.server.inputs.gelf;

import dev.corral.server.ingest.IngestRejection;
import dev.corral.server.ingest.Refusal;
import dev.corral.server.ingest.RequestBody;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

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
  private static final Set<String> KNOWN_CODINGS = Set.of("gzip", "x-gzip", "deflate", "zlib", "identity");

  private GelfBodyReader() {}

  /**
   * @param contentLength the Content-Length header, or null (chunked transfer)
   * @param contentEncoding the Content-Encoding header, or null
   * @throws IngestRejection {@link Refusal.TooLarge} past {@code maxBytes} (as sent or decompressed),
   *     {@link Refusal.Malformed} for an empty body, a truncated or corrupt compressed one, or one the
   *     header calls compressed that is not, {@link Refusal.Unsupported} for an unknown Content-Encoding
   */
  static RequestBody read(InputStream raw, String contentLength, String contentEncoding, long maxBytes)
      throws IngestRejection, IOException {
    Set<String> codings = codings(contentEncoding);
    RequestBody body = RequestBody.read(raw, contentLength, null, maxBytes);
    GelfCompression.Kind sniffed = GelfCompression.sniff(body.bytes(), 0, body.length());
    if (sniffed != null) {
      return inflate(body, sniffed, maxBytes);
    }
    if (codings.contains("deflate") || codings.contains("zlib")) {
      return inflate(body, GelfCompression.Kind.RAW_DEFLATE, maxBytes);
    }
    if (!codings.isEmpty()) {
      throw new IngestRejection(new Refusal.Malformed(), String.format("Content-Encoding '%s' says the body is compressed, but it does "
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
        throw new IngestRejection(new Refusal.Unsupported(), "Content-Encoding '" + header + "' is not supported on /gelf; "
            + "use gzip, deflate (zlib) or none");
      }
      if (!coding.equals("identity")) {
        codings.add(coding);
      }
    }
    return codings;
  }

  private static RequestBody inflate(RequestBody compressed, GelfCompression.Kind kind, long maxBytes)
      throws IngestRejection {
    String what = kind.label();
    try {
      byte[] inflated = GelfCompression.inflate(compressed.bytes(), 0, compressed.length(), kind, maxBytes);
      return new RequestBody(inflated, inflated.length);
    } catch (GelfCompression.InflateFailure e) {
      throw switch (e.problem()) {
        case TOO_LARGE -> new IngestRejection(new Refusal.TooLarge(), what + " body inflates to more than the limit of "
            + maxBytes + " bytes (http.max_body_bytes); split it into smaller requests");
        case EMPTY -> new IngestRejection(new Refusal.Malformed(), what + " body inflates to nothing; send at least one GELF message");
        case CORRUPT -> new IngestRejection(new Refusal.Malformed(), what + " body is " + e.getMessage()
            + "; nothing from this request was stored");
      };
    }
  }
}
