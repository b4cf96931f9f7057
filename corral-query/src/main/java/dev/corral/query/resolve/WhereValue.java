package dev.corral.query.resolve;

import dev.corral.model.Timestamps;
import dev.corral.query.TimeExpression;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The value of {@code | where column op value}, read once for every back end and every row.
 *
 * @param text the value as typed: what a text comparison compares with
 * @param number the value as a decimal number ({@code 42}, {@code -1.5}, {@code 1e3}, at most
 *     {@value #MAX_NUMBER_CHARS} chars): a Long when it is whole and fits one, else a finite
 *     Double; null when it is no number
 * @param timeNanos when it is no number, the value as an absolute time ({@code
 *     2026-11-21T17:00:00Z}, {@code 2026-11-21}; never {@code now…}) in epoch nanoseconds, for a
 *     {@code timestamp} comparison; else null
 */
public record WhereValue(String text, Number number, Long timeNanos) {
  /** Longest value read as a number; longer digit strings compare as text. */
  public static final int MAX_NUMBER_CHARS = 40;

  private static final Pattern DECIMAL = Pattern.compile("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");

  public WhereValue {
    Objects.requireNonNull(text, "text");
  }

  /** Reads {@code value}. */
  public static WhereValue of(String value) {
    Number number = decimal(value);
    return new WhereValue(value, number, number == null ? absoluteTime(value) : null);
  }

  private static Number decimal(String value) {
    if (value.length() > MAX_NUMBER_CHARS || !DECIMAL.matcher(value).matches()) {
      return null;
    }
    BigDecimal decimal = new BigDecimal(value.startsWith("+") ? value.substring(1) : value);
    try {
      return decimal.longValueExact();
    } catch (ArithmeticException notWhole) {
      double d = decimal.doubleValue();
      return Double.isFinite(d) ? d : null;
    }
  }

  private static Long absoluteTime(String value) {
    if (value.startsWith("now")) {
      return null;
    }
    try {
      return Timestamps.toNanos(TimeExpression.parse(value, Instant.EPOCH));
    } catch (IllegalArgumentException | ArithmeticException notATime) {
      return null;
    }
  }
}
