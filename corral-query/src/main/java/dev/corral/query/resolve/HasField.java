package dev.corral.query.resolve;

import java.util.Objects;

/**
 * The event has the field with any value, indexed or not ({@code f:*}). Never made for {@code
 * timestamp}, {@code level} and {@code message}, which every event has: those resolve to {@link
 * Everything}.
 */
public record HasField(TypedField field) implements TypedFilter {
  public HasField {
    Objects.requireNonNull(field, "field");
  }
}
