package dev.corral.query.ast;

import java.util.Objects;

/**
 * {@code field:[lower TO upper]} with inclusive ({@code [ ]}) or exclusive ({@code { }}) ends, and
 * the comparison shorthands {@code field:>v}, {@code >=}, {@code <}, {@code <=}. A null bound is
 * open ({@code *}); the parser marks an open end inclusive, and back ends ignore that flag. A range
 * open at both ends is parsed as {@link Exists}. Bounds are numbers, dates (ISO-8601 or {@code now-15m}) or strings; the back
 * end reads them by the field's type.
 */
public record Range(String field, String lower, String upper, boolean includeLower, boolean includeUpper)
    implements Query {
  public Range {
    Objects.requireNonNull(field, "field");
    if (lower == null && upper == null) {
      throw new IllegalArgumentException("range on " + field + " needs at least one bound");
    }
  }
}
