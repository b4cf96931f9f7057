package dev.corral.server.text;

import dev.corral.model.normalize.LineError;
import dev.corral.model.normalize.Utf8Text;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Bounded, readable quotes of what a sender sent, for error reasons and dead-letter excerpts: the one
 * place inputs, access control and the HTTP layer take them from. Stateless and thread-safe.
 */
public final class Excerpt {
  /** Longest value quoted inside a reason: enough to recognise it, short enough to read. */
  public static final int MAX_QUOTED_CHARS = 80;
  /** Bytes of text a text-or-hex excerpt keeps: enough to recognise a message. */
  public static final int TEXT_BYTES = 512;
  /** Bytes of binary input a text-or-hex excerpt keeps, in hex: enough to see a header and the payload's start. */
  public static final int HEX_BYTES = 48;
  /** What a hex excerpt starts with. */
  public static final String HEX_PREFIX = "hex: ";

  private Excerpt() {}

  /** {@code text} in double quotes, cut with an ellipsis past {@link #MAX_QUOTED_CHARS}. */
  public static String quote(String text) {
    return "\"" + cut(text) + "\"";
  }

  /** {@code text} cut with an ellipsis past {@link #MAX_QUOTED_CHARS} (for text that quotes itself, like JSON). */
  public static String cut(String text) {
    return cut(text, MAX_QUOTED_CHARS);
  }

  /** Characters of a header value (a scheme, an origin, a key's name) quoted in a refusal. */
  public static final int HEADER_CHARS = 40;

  /**
   * A header value or other short client text for a refusal or a log line: cut past
   * {@link #HEADER_CHARS} and control characters replaced by '?', so it cannot fill or forge a line.
   */
  public static String header(String text) {
    return cut(text, HEADER_CHARS).replaceAll("\\p{Cntrl}", "?");
  }

  /** {@code text} cut with an ellipsis past {@code maxChars}. */
  public static String cut(String text, int maxChars) {
    return text.length() <= maxChars ? text : text.substring(0, maxChars) + "…";
  }

  /** The start of {@code text} for a dead letter, at most {@link LineError#MAX_EXCERPT_BYTES} UTF-8 bytes. */
  public static String of(String text) {
    return Utf8Text.truncate(text, LineError.MAX_EXCERPT_BYTES);
  }

  /**
   * The start of {@code bytes[offset, offset + length)} as text for a dead letter, at most
   * {@link LineError#MAX_EXCERPT_BYTES} bytes (invalid UTF-8 becomes U+FFFD; a negative length gives "").
   */
  public static String of(byte[] bytes, int offset, int length) {
    return new String(bytes, offset, Math.max(0, Math.min(length, LineError.MAX_EXCERPT_BYTES)),
        StandardCharsets.UTF_8);
  }

  /**
   * Raw bytes as text a person can read: printable ASCII as it is, every other byte as
   * {@code \xNN} (for binary protocols: shows both a stray HTTP request and the type bytes).
   */
  public static String ofBytes(byte[] bytes) {
    StringBuilder text = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      int c = b & 0xff;
      if (c >= 0x20 && c < 0x7f && c != '\\') {
        text.append((char) c);
      } else {
        text.append(String.format("\\x%02x", c));
      }
    }
    return text.toString();
  }

  /**
   * The excerpt of {@code bytes[start, end)} that may be text or binary (a chunk header, a gzip or
   * zlib stream, garbage): its first {@link #TEXT_BYTES} as text, or, when they hold control
   * characters, its first {@link #HEX_BYTES} in hex after {@link #HEX_PREFIX}, so the excerpt is
   * readable in search results either way.
   */
  public static String textOrHex(byte[] bytes, int start, int end) {
    int length = Math.min(end - start, TEXT_BYTES);
    if (isBinary(bytes, start, start + length)) {
      int hexLength = Math.min(end - start, HEX_BYTES);
      String hex = HexFormat.ofDelimiter(" ").formatHex(bytes, start, start + hexLength);
      return HEX_PREFIX + hex + (end - start > hexLength ? " …" : "");
    }
    return new String(bytes, start, length, StandardCharsets.UTF_8);
  }

  /** Whether the bytes hold control characters other than tab and line ends (text never does). */
  private static boolean isBinary(byte[] bytes, int start, int end) {
    for (int i = start; i < end; i++) {
      int b = bytes[i] & 0xFF;
      if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F) {
        return true;
      }
    }
    return false;
  }
}
