package dev.corral.query.resolve;

import java.util.Objects;

/**
 * The field holds a number equal to {@code value} as points compare it: by sortable bits, so
 * {@code -0.0} is not {@code 0.0}. A long value compares as a double.
 */
public record NumberEquals(String field, double value) implements TypedFilter {
  public NumberEquals {
    Objects.requireNonNull(field, "field");
  }
}
