package dev.corral.query;

/**
 * Reads a query value as a number, the one rule for both back ends and the cost estimate: finite
 * decimal doubles of at most 40 chars that start with a sign, a dot or a digit and end with a digit
 * or a dot (so no NaN, Infinity or Java's {@code 1d} suffixes). Stateless and thread-safe.
 */
public final class NumberParsing {
  private NumberParsing() {}

  /** The number, or null when the value is not one. */
  public static Double parse(String value) {
    if (value.isEmpty() || value.length() > 40) {
      return null;
    }
    char first = value.charAt(0);
    char last = value.charAt(value.length() - 1);
    if (!(first == '-' || first == '+' || first == '.' || isDigit(first)) || !(isDigit(last) || last == '.')) {
      return null;
    }
    try {
      double d = Double.parseDouble(value);
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
