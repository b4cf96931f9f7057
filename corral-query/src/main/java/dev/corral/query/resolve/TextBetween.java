package dev.corral.query.resolve;

import java.util.Objects;

/**
 * A lexical range, as a term range compares terms (UTF-8 bytes, unsigned): a {@link
 * FieldKind#VALUE} field's string, any word of a {@link FieldKind#FULL_TEXT} field, or the level's
 * name for {@link FieldKind#LEVEL}. A null end is open; at least one end is set.
 */
public record TextBetween(TypedField field, String lower, String upper, boolean includeLower, boolean includeUpper)
    implements TypedFilter {
  public TextBetween {
    Objects.requireNonNull(field, "field");
    if (lower == null && upper == null) {
      throw new IllegalArgumentException("TextBetween on " + field.name() + " needs at least one bound");
    }
  }
}
