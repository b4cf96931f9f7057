package dev.corral.query.resolve;

import java.util.Objects;

/**
 * A {@link FieldKind#VALUE} field holds exactly this string (a boolean as {@code true}/{@code
 * false}); strings over the store's keyword limit are not indexed and never match.
 */
public record KeywordEquals(String field, String value) implements TypedFilter {
  public KeywordEquals {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(value, "value");
  }
}
