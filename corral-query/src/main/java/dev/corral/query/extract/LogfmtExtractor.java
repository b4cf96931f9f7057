package dev.corral.query.extract;

/**
 * {@code | logfmt}: key=value pairs as Go's go-logfmt decoder reads them. Pairs are separated by
 * spaces; a key is a run of characters above the space other than {@code =} and {@code "}; a
 * value is bare (up to the next space) or quoted with {@code "} and the escapes {@code \" \\ \/
 * \b \f \n \r \t \}{@code uXXXX}; a key without {@code =} or with nothing after it has the empty
 * value. A later key of the same name replaces the earlier one (Loki's rule). A quote inside a
 * bare value, an unterminated quoted value or a bad escape fails with {@code LogfmtParserErr}.
 */
final class LogfmtExtractor implements Extractor {
  private static final String ERROR = "LogfmtParserErr";

  @Override
  public void extract(String text, ExtractedValues out) {
    int pos = 0;
    int length = text.length();
    while (pos < length) {
      while (pos < length && text.charAt(pos) <= ' ') {
        pos++;
      }
      if (pos >= length) {
        return;
      }
      int keyStart = pos;
      while (pos < length && text.charAt(pos) > ' ' && text.charAt(pos) != '=' && text.charAt(pos) != '"') {
        pos++;
      }
      String key = text.substring(keyStart, pos);
      if (key.isEmpty()) {
        throw new ExtractionFailure(ERROR, "unexpected '" + text.charAt(pos) + "' at char " + pos + ", expected a key");
      }
      if (pos >= length || text.charAt(pos) != '=') {
        out.addText(key, "");
        continue;
      }
      pos++;
      if (pos < length && text.charAt(pos) == '"') {
        StringBuilder value = new StringBuilder();
        pos = quoted(text, pos + 1, value);
        out.addText(key, value.toString());
      } else {
        int valueStart = pos;
        while (pos < length && text.charAt(pos) > ' ') {
          if (text.charAt(pos) == '"') {
            throw new ExtractionFailure(ERROR, "unexpected '\"' inside the value of '" + key + "' at char " + pos);
          }
          pos++;
        }
        out.addText(key, text.substring(valueStart, pos));
      }
    }
  }

  /** Reads a quoted value from after its opening quote; returns the position after the closing one. */
  private static int quoted(String text, int pos, StringBuilder value) {
    int start = pos - 1;
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return pos;
      }
      if (c != '\\') {
        value.append(c);
        continue;
      }
      if (pos >= text.length()) {
        break;
      }
      char escaped = text.charAt(pos++);
      switch (escaped) {
        case '"', '\\', '/' -> value.append(escaped);
        case 'b' -> value.append('\b');
        case 'f' -> value.append('\f');
        case 'n' -> value.append('\n');
        case 'r' -> value.append('\r');
        case 't' -> value.append('\t');
        case 'u' -> {
          int code = pos + 4 <= text.length() ? hex4(text, pos) : -1;
          if (code < 0) {
            throw new ExtractionFailure(ERROR, "bad \\u escape at char " + (pos - 2));
          }
          value.append((char) code);
          pos += 4;
        }
        default -> throw new ExtractionFailure(ERROR, "bad escape '\\" + escaped + "' at char " + (pos - 2));
      }
    }
    throw new ExtractionFailure(ERROR, "unterminated quoted value starting at char " + start);
  }

  /** The four hex digits at {@code pos} as a number, or -1. */
  private static int hex4(String text, int pos) {
    int code = 0;
    for (int i = pos; i < pos + 4; i++) {
      char c = text.charAt(i);
      int digit = c < 128 ? Character.digit(c, 16) : -1; // ASCII hex only, as JSON and Go
      if (digit < 0) {
        return -1;
      }
      code = code * 16 + digit;
    }
    return code;
  }
}
