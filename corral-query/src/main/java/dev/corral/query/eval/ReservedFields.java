package dev.corral.query.eval;

import dev.corral.model.FieldNames;

/**
 * How a field name typed in a query becomes the canonical name, exactly as the store's {@code
 * FieldMapping.resolve}: reserved canonical names ({@code LEVEL}, {@code Service}) match
 * case-insensitively, every other name is case-sensitive and kept. Stateless and thread-safe.
 */
public final class ReservedFields {

  private ReservedFields() {}

  /** The canonical spelling of a typed field name. */
  public static String resolve(String typed) {
    return FieldNames.canonical(typed);
  }

  /** Whether the canonical field is analyzed full text ({@code message}, {@code exception.stacktrace}). */
  static boolean isFullText(String field) {
    return FieldNames.FULL_TEXT.contains(field);
  }
}
