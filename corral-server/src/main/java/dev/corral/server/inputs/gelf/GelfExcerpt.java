package dev.corral.server.inputs.gelf;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The excerpt a GELF dead letter keeps of what was sent: its start as text, or, for binary input
 * (a chunk header, a gzip or zlib stream, garbage), its first bytes in hex, so the excerpt is
 * readable in search results either way. Stateless and thread-safe.
 */
final class GelfExcerpt {
  /** Bytes of text kept: enough to recognise a message. */
  static final int TEXT_BYTES = 512;
  /** Bytes of binary input kept, in hex: enough to see a header and the start of the payload. */
  static final int HEX_BYTES = 48;
  /** What a hex excerpt starts with. */
  static final String HEX_PREFIX = "hex: ";

  private GelfExcerpt() {}

  /** The excerpt of {@code bytes[start, end)}. */
  static String of(byte[] bytes, int start, int end) {
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
