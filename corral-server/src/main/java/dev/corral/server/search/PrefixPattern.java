package dev.corral.server.search;

/**
 * Turns text a person typed into a Lucene regular expression that matches every value starting
 * with it, ignoring case: {@code Pay.} becomes {@code [pP][aA][yY]\..*}. Every character that is
 * not a letter or digit is escaped, so the text is always taken literally (no regex from user
 * input) and the automaton stays linear in the length of the text.
 */
public final class PrefixPattern {
  private PrefixPattern() {}

  /** The regex matching values that start with {@code prefix}, case-insensitively. */
  public static String caseInsensitive(String prefix) {
    StringBuilder regex = new StringBuilder(prefix.length() * 4 + 2);
    prefix.codePoints().forEach(c -> {
      int lower = Character.toLowerCase(c);
      int upper = Character.toUpperCase(c);
      if (lower != upper) {
        regex.append('[').appendCodePoint(lower).appendCodePoint(upper);
        int title = Character.toTitleCase(c);
        if (title != lower && title != upper) {
          regex.appendCodePoint(title);
        }
        if (c != lower && c != upper) {
          regex.appendCodePoint(c);
        }
        regex.append(']');
      } else if (c < 128 && Character.isLetterOrDigit(c)) {
        regex.appendCodePoint(c);
      } else {
        regex.append('\\').appendCodePoint(c);
      }
    });
    return regex.append(".*").toString();
  }
}
