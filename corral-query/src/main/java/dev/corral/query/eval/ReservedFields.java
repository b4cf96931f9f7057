package dev.corral.query.eval;

import dev.corral.model.FieldNames;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How a field name typed in a query becomes the canonical name, exactly as the store's {@code
 * FieldMapping.resolve}: reserved canonical names ({@code LEVEL}, {@code Service}) match
 * case-insensitively, every other name is case-sensitive and kept. Stateless and thread-safe.
 */
public final class ReservedFields {
  private static final Map<String, String> CANONICAL = Stream.of(
          FieldNames.TIMESTAMP, FieldNames.LEVEL, FieldNames.MESSAGE, FieldNames.SERVICE,
          FieldNames.VERSION, FieldNames.ENVIRONMENT, FieldNames.HOST, FieldNames.COMPONENT,
          FieldNames.LOGGER, FieldNames.TRACE_ID, FieldNames.SPAN_ID, FieldNames.REQUEST_ID,
          FieldNames.USER_ID, FieldNames.LOGTYPE, FieldNames.EXCEPTION_TYPE,
          FieldNames.EXCEPTION_MESSAGE, FieldNames.EXCEPTION_STACKTRACE, FieldNames.TRUNCATED)
      .collect(Collectors.toUnmodifiableMap(n -> n.toLowerCase(Locale.ROOT), n -> n));

  private ReservedFields() {}

  /** The canonical spelling of a typed field name. */
  public static String resolve(String typed) {
    String canonical = CANONICAL.get(typed.toLowerCase(Locale.ROOT));
    return canonical != null ? canonical : typed;
  }

  /** Whether the canonical field is analyzed full text ({@code message}, {@code exception.stacktrace}). */
  static boolean isFullText(String field) {
    return FieldNames.FULL_TEXT.contains(field);
  }
}
