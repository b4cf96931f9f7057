package dev.corral.query.table;

/**
 * The canonical text of a number, the form in which numbers become group values, distinct-count
 * keys and {@code top} values: an integral value within ±2<sup>53</sup> is written without a
 * fraction ({@code 500.0} → {@code "500"}, {@code -0.0} → {@code "0"}), any other value as {@link
 * Double#toString(double)} ({@code 1.5} → {@code "1.5"}, {@code 1e20} → {@code "1.0E20"}). So the
 * number 500 and the string {@code "500"} are the same value. Stateless and thread-safe.
 */
public final class NumberText {
  /** Largest magnitude below which every integral double is an exact long: 2^53. */
  private static final double EXACT_INTEGER_LIMIT = 9_007_199_254_740_992d;

  private NumberText() {}

  /** The canonical text of {@code value}. */
  public static String of(double value) {
    if (value == Math.rint(value) && Math.abs(value) <= EXACT_INTEGER_LIMIT) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }
}
