package dev.corral.query.ast;

import java.util.Objects;

/**
 * {@code field:value}, or a bare word when {@code field} is null (free text). For a keyword
 * field it is an exact match; for a number field the value is read as a number; for a text field
 * (message) it matches the analyzed word. The value has the user's backslash escapes removed.
 */
public record Term(String field, String value) implements Query {
  public Term {
    Objects.requireNonNull(value, "value");
  }
}
