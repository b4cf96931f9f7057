package dev.corral.model.normalize;

/**
 * UTF-8 arithmetic on Java strings and byte ranges, without encoding anything: the encoded
 * length of text, cutting text to a byte budget at a character boundary, and finding the first
 * invalid UTF-8 sequence in bytes. Stateless and thread-safe.
 */
public final class Utf8Text {
  /** Most UTF-8 bytes one UTF-16 char can need (a surrogate pair is 2 chars for 4 bytes). */
  private static final int MAX_BYTES_PER_CHAR = 3;

  private Utf8Text() {}

  /** How many bytes {@code text} takes as UTF-8 (an unpaired surrogate counts 3, like its replacement). */
  public static long encodedLength(String text) {
    long bytes = 0;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  /**
   * {@code text} cut to at most {@code maxBytes} UTF-8 bytes at a character boundary (a surrogate
   * pair is never split), or {@code text} itself when it fits.
   */
  public static String truncate(String text, int maxBytes) {
    if ((long) text.length() * MAX_BYTES_PER_CHAR <= maxBytes) {
      return text;
    }
    long bytes = 0;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      int width;
      int chars = 1;
      if (c < 0x80) {
        width = 1;
      } else if (c < 0x800) {
        width = 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
        width = 4;
        chars = 2;
      } else {
        width = 3;
      }
      if (bytes + width > maxBytes) {
        return text.substring(0, i);
      }
      bytes += width;
      i += chars - 1;
    }
    return text;
  }

  /**
   * The offset of the first byte of the first invalid UTF-8 sequence in {@code bytes[offset,
   * offset + length)} (relative to {@code offset}), or -1 when all of it is valid. Overlong forms,
   * encoded surrogates, code points above U+10FFFF and cut-off sequences are invalid.
   */
  public static int firstInvalid(byte[] bytes, int offset, int length) {
    int end = offset + length;
    int i = offset;
    while (i < end) {
      int b = bytes[i] & 0xFF;
      if (b < 0x80) {
        i++;
        continue;
      }
      int need;
      int min;
      if (b >= 0xC2 && b <= 0xDF) {
        need = 1;
        min = 0x80;
      } else if (b >= 0xE0 && b <= 0xEF) {
        need = 2;
        min = 0x800;
      } else if (b >= 0xF0 && b <= 0xF4) {
        need = 3;
        min = 0x10000;
      } else {
        return i - offset;
      }
      if (i + need >= end) {
        return i - offset;
      }
      int codePoint = b & (0x3F >> need);
      for (int k = 1; k <= need; k++) {
        int next = bytes[i + k] & 0xFF;
        if ((next & 0xC0) != 0x80) {
          return i - offset;
        }
        codePoint = (codePoint << 6) | (next & 0x3F);
      }
      if (codePoint < min || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
        return i - offset;
      }
      i += need + 1;
    }
    return -1;
  }
}
