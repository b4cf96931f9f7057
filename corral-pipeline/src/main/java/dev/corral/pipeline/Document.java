package dev.corral.pipeline;

/**
 * One event as the processors of a pipeline see and change it: its fields by name. The canonical
 * fields are fields too: {@code timestamp} (epoch nanoseconds, a {@code Long}), {@code level}
 * (its name, e.g. {@code ERROR}), {@code message}, {@code service}, {@code trace_id}, ... . Names
 * are flat dotted names ({@code http.status}), as the store indexes them. Values are what JSON
 * holds: {@code String}, {@code Long}, {@code Double}, {@code Boolean}, {@code List} of those, or
 * {@code null}. Not thread-safe: one document is processed by one thread at a time.
 */
public interface Document {
  /** The value of {@code field}, or {@code null} when the event has no such field. */
  Object get(String field);

  /** Whether the event has {@code field} (with any value, {@code null} included). */
  boolean has(String field);

  /**
   * Sets {@code field} to {@code value}, replacing what was there.
   *
   * @throws IllegalArgumentException when {@code value} is not one of the value types above, or
   *     the field is canonical and the value is not of its type (a {@code timestamp} that is no
   *     number of nanoseconds)
   */
  void set(String field, Object value);

  /** Removes {@code field}; returns its value, or {@code null} when there was none. */
  Object remove(String field);

  /**
   * The names of every field in order, canonical ones first, for processors that work on a
   * group of fields ({@code remove} of {@code http} removes {@code http.*}). The default refuses:
   * it exists so that documents written before this method keep compiling; {@link EventDocument}
   * lists its fields.
   */
  default java.util.List<String> names() {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " does not list its fields");
  }

  /** The value of {@code field} as text: a string as it is, a number or boolean printed, else {@code null}. */
  default String getString(String field) {
    Object value = get(field);
    return value instanceof String || value instanceof Number || value instanceof Boolean ? value.toString() : null;
  }
}
