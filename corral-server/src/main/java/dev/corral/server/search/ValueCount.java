package dev.corral.server.search;

import java.util.Objects;

/**
 * A field value and the number of events holding it.
 *
 * @param value a String, Long, Double or Boolean, as events hold it
 */
public record ValueCount(Object value, long count) {
  public ValueCount {
    Objects.requireNonNull(value, "value");
  }
}
