package dev.corral.server.export;

/**
 * One CSV cell as RFC 4180 writes it, made safe to open in a spreadsheet.
 *
 * <p>Rules, in order: (1) a text value starting with {@code =}, {@code +}, {@code -}, {@code @}, a
 * tab or a carriage return — what spreadsheets read as a formula (CSV injection, OWASP) — gets a
 * {@code '} in front, so it is shown as text and never evaluated; numbers and booleans of the event
 * are written as they are ({@code -5} stays a number). (2) A cell holding a comma, a double quote, a
 * carriage return or a line feed is enclosed in double quotes, each double quote inside doubled.
 * Stateless.
 */
final class CsvCell {
  private CsvCell() {}

  /** Appends {@code text}, a text value, as one cell (both rules). */
  static void appendText(String text, StringBuilder row) {
    appendQuoted(formulaSafe(text), row);
  }

  /** Appends {@code text}, the text form of a number or boolean, as one cell (rule 2 only). */
  static void appendLiteral(String text, StringBuilder row) {
    appendQuoted(text, row);
  }

  /** {@code text} with a {@code '} in front when a spreadsheet would take it for a formula. */
  static String formulaSafe(String text) {
    if (text.isEmpty()) {
      return text;
    }
    return switch (text.charAt(0)) {
      case '=', '+', '-', '@', '\t', '\r' -> "'" + text;
      default -> text;
    };
  }

  private static void appendQuoted(String text, StringBuilder row) {
    boolean quote = false;
    for (int i = 0; i < text.length() && !quote; i++) {
      char c = text.charAt(i);
      quote = c == ',' || c == '"' || c == '\r' || c == '\n';
    }
    if (!quote) {
      row.append(text);
      return;
    }
    row.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        row.append('"');
      }
      row.append(c);
    }
    row.append('"');
  }
}
