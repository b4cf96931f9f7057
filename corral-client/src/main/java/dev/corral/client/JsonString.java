package dev.corral.client;

/**
 * Writes a Java string as a JSON string literal (RFC 8259), cut to a length limit.
 *
 * <p>{@code "} and {@code \} are escaped, control characters (U+0000–U+001F) become {@code \n}, {@code \t}…
 * or {@code \}{@code u00XX}, a lone surrogate (a broken UTF-16 string, which has no UTF-8 form and which
 * Corral would refuse as invalid UTF-8) becomes U+FFFD, and a valid surrogate pair is kept. A string longer
 * than the limit is cut (never inside a surrogate pair) and ends with a note saying how long it was.
 */
final class JsonString {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final char REPLACEMENT = '\uFFFD';

  private JsonString() {}

  /** Appends {@code value} quoted and escaped, at most {@code maxChars} characters of it. */
  static void append(StringBuilder out, CharSequence value, int maxChars) {
    int length = value.length();
    int end = length <= maxChars ? length : cutAt(value, maxChars);
    out.append('"');
    for (int i = 0; i < end; i++) {
      char c = value.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) {
        out.append(c);
      } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(value.charAt(i + 1))) {
        out.append(c).append(value.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        out.append(REPLACEMENT);
      } else {
        appendEscaped(out, c);
      }
    }
    if (end < length) {
      out.append("… [truncated: ").append(length).append(" characters, the limit is ").append(maxChars).append(']');
    }
    out.append('"');
  }

  private static int cutAt(CharSequence value, int maxChars) {
    return Character.isHighSurrogate(value.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
  }

  private static void appendEscaped(StringBuilder out, char c) {
    switch (c) {
      case '"' -> out.append("\\\"");
      case '\\' -> out.append("\\\\");
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      case '\b' -> out.append("\\b");
      case '\f' -> out.append("\\f");
      default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
    }
  }
}
