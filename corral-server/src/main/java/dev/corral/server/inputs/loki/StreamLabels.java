package dev.corral.server.inputs.loki;

import dev.corral.model.Fields;
import dev.corral.server.text.Excerpt;

/**
 * Reads the label set of a protobuf stream, written as Prometheus label text:
 * {@code {app="checkout", level="info"}}. Names are {@code [a-zA-Z_][a-zA-Z0-9_.]*}; values are
 * double-quoted with Go escapes (quote, backslash, n, t, r, a, b, f, v, u + 4 hex digits, U + 8 hex
 * digits); whitespace around tokens and one trailing comma are allowed; {@code {}} and the empty
 * string are an empty set. A repeated name keeps its last value. One instance per text; not
 * thread-safe (use {@link #parse}).
 */
final class StreamLabels {
  private final String text;
  private int pos;

  private StreamLabels(String text) {
    this.text = text;
  }

  /**
   * The labels of {@code text}, in order, as string fields.
   *
   * @throws InvalidLabelsException naming the position and what was expected there
   */
  static Fields parse(String text) throws InvalidLabelsException {
    return new StreamLabels(text).read();
  }

  /** Label text that cannot be read, with the position and what was expected. */
  static final class InvalidLabelsException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidLabelsException(String reason) {
      super(reason);
    }
  }

  private Fields read() throws InvalidLabelsException {
    Fields.Builder labels = Fields.builder(8);
    skipSpace();
    if (pos == text.length()) {
      return labels.build();
    }
    expect('{');
    skipSpace();
    while (peek() != '}') {
      String name = name();
      skipSpace();
      expect('=');
      skipSpace();
      labels.put(name, quoted());
      skipSpace();
      if (peek() == ',') {
        pos++;
        skipSpace();
      } else if (peek() != '}') {
        throw error("',' or '}'");
      }
    }
    pos++;
    skipSpace();
    if (pos != text.length()) {
      throw error("the end of the labels");
    }
    return labels.build();
  }

  private String name() throws InvalidLabelsException {
    int start = pos;
    while (pos < text.length() && isNameChar(text.charAt(pos), pos == start)) {
      pos++;
    }
    if (pos == start) {
      throw error("a label name");
    }
    return text.substring(start, pos);
  }

  private static boolean isNameChar(char c, boolean first) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
        || (!first && ((c >= '0' && c <= '9') || c == '.'));
  }

  private String quoted() throws InvalidLabelsException {
    expect('"');
    StringBuilder value = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error("a closing '\"'");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return value.toString();
      }
      if (c != '\\') {
        value.append(c);
        continue;
      }
      if (pos >= text.length()) {
        throw error("an escaped character");
      }
      char escaped = text.charAt(pos++);
      switch (escaped) {
        case '"', '\\', '\'' -> value.append(escaped);
        case 'n' -> value.append('\n');
        case 't' -> value.append('\t');
        case 'r' -> value.append('\r');
        case 'a' -> value.append('\u0007');
        case 'b' -> value.append('\b');
        case 'f' -> value.append('\f');
        case 'v' -> value.append('\u000b');
        case 'u' -> value.appendCodePoint(hex(4));
        case 'U' -> value.appendCodePoint(hex(8));
        default -> {
          pos--;
          throw error("one of the escapes \\\" \\\\ \\n \\t \\r \\uXXXX");
        }
      }
    }
  }

  private int hex(int digits) throws InvalidLabelsException {
    if (pos + digits > text.length()) {
      throw error(digits + " hex digits");
    }
    try {
      int codePoint = Integer.parseUnsignedInt(text, pos, pos + digits, 16);
      if (!Character.isValidCodePoint(codePoint)) {
        throw error("a Unicode code point");
      }
      pos += digits;
      return codePoint;
    } catch (NumberFormatException e) {
      throw error(digits + " hex digits");
    }
  }

  private char peek() throws InvalidLabelsException {
    if (pos >= text.length()) {
      throw error("'}'");
    }
    return text.charAt(pos);
  }

  private void expect(char c) throws InvalidLabelsException {
    if (pos >= text.length() || text.charAt(pos) != c) {
      throw error("'" + c + "'");
    }
    pos++;
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private InvalidLabelsException error(String expected) {
    String found = pos >= text.length() ? "the end" : "'" + text.charAt(pos) + "'";
    return new InvalidLabelsException("labels " + Excerpt.quote(text) + ": expected " + expected
        + " at character " + (pos + 1) + ", found " + found);
  }
}
