package dev.corral.server.inputs.gelf;

/**
 * Repairs the broken UTF-16 some GELF senders write. logstash-gelf (up to at least 1.15.1) escapes
 * a character outside the Basic Multilingual Plane as its high surrogate followed by the low 16
 * bits of the code point, so 🚀 (U+1F680) arrives as {@code \uD83D\uF680} instead of
 * {@code \uD83D\uDE80}. Such a pair is put back together; any other unpaired surrogate becomes
 * U+FFFD, so that no text with half a character reaches the store. Stateless and thread-safe.
 */
final class SurrogateRepair {
  private static final int SUPPLEMENTARY_BASE = 0x10000;
  private static final int LOW_TEN_BITS = 0x3FF;
  private static final int LOW_SIXTEEN_BITS = 0xFFFF;

  private SurrogateRepair() {}

  /** {@code text} with its surrogates repaired, or {@code text} itself when they are all paired. */
  static String repair(String text) {
    int first = firstUnpaired(text);
    if (first < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length()).append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isSurrogate(c)) {
        out.append(c);
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
        char next = text.charAt(i + 1);
        if (Character.isLowSurrogate(next)) {
          out.append(c).append(next);
          i++;
        } else if (mangledLowHalf(c, next)) {
          out.appendCodePoint(codePoint(c, next));
          i++;
        } else {
          out.append('\uFFFD');
        }
      } else {
        out.append('\uFFFD');
      }
    }
    return out.toString();
  }

  /** Whether {@code next} is the low 16 bits of the code point whose high surrogate is {@code high}. */
  private static boolean mangledLowHalf(char high, char next) {
    return (codePoint(high, next) & LOW_SIXTEEN_BITS) == next;
  }

  private static int codePoint(char high, char lowBits) {
    return SUPPLEMENTARY_BASE + ((high - Character.MIN_HIGH_SURROGATE) << 10) + (lowBits & LOW_TEN_BITS);
  }

  private static int firstUnpaired(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }
}
