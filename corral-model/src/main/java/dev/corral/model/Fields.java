package dev.corral.model;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * An immutable, ordered set of flattened fields: dotted names mapped to a {@link String},
 * {@link Long}, {@link Double} or {@link Boolean}. Names are unique.
 *
 * <p>Stored as two parallel arrays so that building an event allocates once and lookups of the
 * few dozen fields a log event carries stay cheap. Safe to share between threads.
 */
public final class Fields {
  private static final Fields EMPTY = new Fields(new String[0], new Object[0]);

  private final String[] names;
  private final Object[] values;

  private Fields(String[] names, Object[] values) {
    this.names = names;
    this.values = values;
  }

  /** The empty field set. */
  public static Fields empty() {
    return EMPTY;
  }

  /** Copies a map (iteration order kept); values must be String, Long, Double or Boolean. */
  public static Fields of(Map<String, ?> map) {
    Builder builder = builder(map.size());
    map.forEach(builder::put);
    return builder.build();
  }

  /** A builder sized for about {@code expected} fields. */
  public static Builder builder(int expected) {
    return new Builder(expected);
  }

  public int size() {
    return names.length;
  }

  public String name(int index) {
    return names[index];
  }

  public Object value(int index) {
    return values[index];
  }

  /** The value of {@code name}, or {@code null}. */
  public Object get(String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return values[i];
      }
    }
    return null;
  }

  /** The value of {@code name} as text, or {@code null} when absent. */
  public String getString(String name) {
    Object value = get(name);
    return value == null ? null : value.toString();
  }

  public void forEach(BiConsumer<String, Object> action) {
    for (int i = 0; i < names.length; i++) {
      action.accept(names[i], values[i]);
    }
  }

  /** A new modifiable map copy, in field order. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>(names.length * 2);
    forEach(map::put);
    return map;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Fields other && toMap().equals(other.toMap());
  }

  @Override
  public int hashCode() {
    return toMap().hashCode();
  }

  @Override
  public String toString() {
    return toMap().toString();
  }

  /** Collects fields; a later {@link #put} of the same name replaces the earlier value. */
  public static final class Builder {
    /** Above this many fields a hash index replaces the linear name scan (keeps 1000-field events linear). */
    private static final int INDEX_THRESHOLD = 16;

    private String[] names;
    private Object[] values;
    private int size;
    /** Name to position, built lazily once the builder holds more than INDEX_THRESHOLD fields. */
    private HashMap<String, Integer> index;

    private Builder(int expected) {
      names = new String[Math.max(4, expected)];
      values = new Object[names.length];
    }

    /** Adds or replaces a field; the value must be a String, Long, Double or Boolean. */
    public Builder put(String name, Object value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, () -> "value of " + name);
      if (!(value instanceof String || value instanceof Long || value instanceof Double
          || value instanceof Boolean)) {
        throw new IllegalArgumentException(
            "field " + name + " has unsupported type " + value.getClass().getName());
      }
      int existing = indexOf(name);
      if (existing >= 0) {
        values[existing] = value;
        return this;
      }
      if (size == names.length) {
        names = Arrays.copyOf(names, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      names[size] = name;
      values[size] = value;
      if (index != null) {
        index.put(name, size);
      }
      size++;
      return this;
    }

    /** Removes a field if present; returns its value or {@code null}. */
    public Object remove(String name) {
      int i = indexOf(name);
      if (i < 0) {
        return null;
      }
      Object value = values[i];
      index = null;
      System.arraycopy(names, i + 1, names, i, size - i - 1);
      System.arraycopy(values, i + 1, values, i, size - i - 1);
      size--;
      names[size] = null;
      values[size] = null;
      return value;
    }

    public Object get(String name) {
      int i = indexOf(name);
      return i < 0 ? null : values[i];
    }

    public int size() {
      return size;
    }

    private int indexOf(String name) {
      if (size > INDEX_THRESHOLD) {
        if (index == null) {
          index = new HashMap<>(size * 2);
          for (int i = 0; i < size; i++) {
            index.put(names[i], i);
          }
        }
        Integer i = index.get(name);
        return i == null ? -1 : i;
      }
      for (int i = 0; i < size; i++) {
        if (names[i].equals(name)) {
          return i;
        }
      }
      return -1;
    }

    public Fields build() {
      if (size == 0) {
        return EMPTY;
      }
      return new Fields(Arrays.copyOf(names, size), Arrays.copyOf(values, size));
    }
  }
}
