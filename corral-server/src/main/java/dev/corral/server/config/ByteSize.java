package dev.corral.server.config;

import java.util.Locale;

/**
 * Reads sizes as written in configuration ({@code 1048576}, {@code 512KiB}, {@code 64MiB},
 * {@code 1GB}) and writes them so, for defaults taken from the components' constants.
 */
public final class ByteSize {
  private ByteSize() {}

  /**
   * The number of bytes {@code text} denotes. Binary (KiB, MiB, GiB) and decimal (KB, MB, GB)
   * suffixes are accepted, case-insensitively; a bare number is bytes.
   *
   * @throws IllegalArgumentException naming the text when it is no size
   */
  public static long parse(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
    int end = 0;
    while (end < s.length() && (Character.isDigit(s.charAt(end)) || s.charAt(end) == '.')) {
      end++;
    }
    if (end == 0) {
      throw new IllegalArgumentException("'" + text + "' is not a size (use e.g. 1048576, 512KiB, 64MiB)");
    }
    double number = Double.parseDouble(s.substring(0, end));
    long unit = switch (s.substring(end)) {
      case "", "b" -> 1L;
      case "k", "kb" -> 1_000L;
      case "kib" -> 1L << 10;
      case "m", "mb" -> 1_000_000L;
      case "mib" -> 1L << 20;
      case "g", "gb" -> 1_000_000_000L;
      case "gib" -> 1L << 30;
      case "t", "tb" -> 1_000_000_000_000L;
      case "tib" -> 1L << 40;
      default -> throw new IllegalArgumentException(
          "'" + text + "' has an unknown size unit (use B, KiB, MiB, GiB, KB, MB, GB)");
    };
    return Math.round(number * unit);
  }

  /**
   * {@code bytes} as configuration text in the largest binary unit that holds it whole:
   * {@code 64MiB}, {@code 100KiB}, {@code 1000}. {@link #parse} reads it back to the same number.
   */
  public static String format(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("a size cannot be negative, got " + bytes);
    }
    String[] units = {"TiB", "GiB", "MiB", "KiB"};
    for (int i = 0; i < units.length; i++) {
      long unit = 1L << (10 * (units.length - i));
      if (bytes >= unit && bytes % unit == 0) {
        return bytes / unit + units[i];
      }
    }
    return Long.toString(bytes);
  }
}
