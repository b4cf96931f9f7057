package dev.corral.query;

/**
 * A quoted string of the pipe and expression languages: from an opening quote ({@code "} or {@code '}) to the
 * same quote, where a backslash takes the next character as it is ({@code \"}, {@code \\}).
 *
 * @param content the characters between the quotes, escapes resolved
 * @param end the position just after the closing quote
 */
public record QuotedString(String content, int end) {
  /**
   * Reads the string whose opening quote is at {@code start} of {@code text}.
   *
   * @throws QuerySyntaxException when the closing quote is missing, pointing at the opening one
   */
  public static QuotedString read(String text, int start) {
    char quote = text.charAt(start);
    StringBuilder content = new StringBuilder();
    int pos = start + 1;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\\' && pos + 1 < text.length()) {
        content.append(text.charAt(pos + 1));
        pos += 2;
      } else if (c == quote) {
        return new QuotedString(content.toString(), pos + 1);
      } else {
        content.append(c);
        pos++;
      }
    }
    throw new QuerySyntaxException("unterminated string: missing closing " + quote, text, start);
  }
}
