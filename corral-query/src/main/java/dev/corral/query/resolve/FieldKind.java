package dev.corral.query.resolve;

import dev.corral.model.FieldNames;

/**
 * How every back end reads a field, decided once from its canonical name: the rules that used to
 * be re-derived by each back end for each clause.
 */
public enum FieldKind {
  /** {@code message}, {@code exception.stacktrace}: analyzed words, and a number when it is one. */
  FULL_TEXT,
  /** {@code level}: one of the {@link dev.corral.model.Level} names, ordered by severity in ranges. */
  LEVEL,
  /** {@code timestamp}: epoch nanoseconds, read as time expressions in a query. */
  TIMESTAMP,
  /** Any other field: an exact string (or boolean) value, or a number. */
  VALUE;

  /** The kind of a canonical field name ({@link FieldNames#canonical}). */
  public static FieldKind of(String canonical) {
    if (FieldNames.FULL_TEXT.contains(canonical)) {
      return FULL_TEXT;
    }
    return switch (canonical) {
      case FieldNames.LEVEL -> LEVEL;
      case FieldNames.TIMESTAMP -> TIMESTAMP;
      default -> VALUE;
    };
  }
}
