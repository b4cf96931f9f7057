package dev.corral.query.resolve;

import dev.corral.model.FieldNames;
import java.util.Objects;

/**
 * A field of a typed query: its canonical name and kind.
 *
 * @param name the canonical name ({@link FieldNames#canonical}: {@code LEVEL} is {@code level})
 * @param kind how back ends read it
 */
public record TypedField(String name, FieldKind kind) {
  public TypedField {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
  }

  /** The field a user typed, resolved: reserved names match in any case, others as typed. */
  public static TypedField of(String typed) {
    String canonical = FieldNames.canonical(typed);
    return new TypedField(canonical, FieldKind.of(canonical));
  }
}
