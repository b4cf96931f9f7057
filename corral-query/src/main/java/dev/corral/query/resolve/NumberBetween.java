package dev.corral.query.resolve;

import java.util.Objects;

/**
 * The field holds a number in {@code [from, to]}, both inclusive (exclusive bounds were moved by
 * one ulp; open ends are infinities), compared by sortable bits as points do.
 */
public record NumberBetween(String field, double from, double to) implements TypedFilter {
  public NumberBetween {
    Objects.requireNonNull(field, "field");
  }
}
