package dev.corral.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * An immutable, ordered set of flattened fields: dotted names mapped to a {@link String},
 * {@link Long}, {@link Double} or {@link Boolean}. Names are unique.
 *
 * <p>Stored as two parallel arrays (which may be longer than {@link #size()}: the builder hands
 * its own over instead of copying them) so that building an event allocates little and lookups of
 * the few dozen fields a log event carries stay cheap. Safe to share between threads.
 */
public final class Fields {
  private static final Fields EMPTY = new Fields(new String[0], new Object[0], 0);

  private final String[] names;
  private final Object[] values;
  private final int size;

  private Fields(String[] names, Object[] values, int size) {
    this.names = names;
    this.values = values;
    this.size = size;
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
    return size;
  }

  /** The name of field {@code index}, {@code 0 <= index < size()}. */
  public String name(int index) {
    return names[Objects.checkIndex(index, size)];
  }

  /** The value of field {@code index}, {@code 0 <= index < size()}. */
  public Object value(int index) {
    return values[Objects.checkIndex(index, size)];
  }

  /** The value of {@code name}, or {@code null}. */
  public Object get(String name) {
    for (int i = 0; i < size; i++) {
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
    for (int i = 0; i < size; i++) {
      action.accept(names[i], values[i]);
    }
  }

  /** A new modifiable map copy, in field order. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>(size * 2);
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

  /**
   * Collects fields; a later {@link #put} of the same name replaces the earlier value. Not
   * thread-safe. It may go on being used after {@link #build()}: the built fields never change.
   */
  public static final class Builder {
    /**
     * Up to this many fields a name is looked for by a scan of the names, and only when
     * its bit in the seen bits below is set; above it by {@link NameTable}.
     */
    private static final int TABLE_THRESHOLD = 64;

    private String[] names;
    private Object[] values;
    private int size;
    /**
     * One bit per hash bucket of 128 for each name added (never cleared): a name whose bit is
     * clear is certainly new, so most puts of a new name skip the scan.
     */
    private long seenLow;
    private long seenHigh;
    /** Position of each name, built once the builder holds more than TABLE_THRESHOLD fields. */
    private NameTable table;
    /** Whether the arrays belong to built fields too, so must be copied before any change. */
    private boolean shared;

    private Builder(int expected) {
      names = new String[Math.max(4, expected)];
      values = new Object[names.length];
    }

    /** Adds or replaces a field; the value must be a String, Long, Double or Boolean. */
    public Builder put(String name, Object value) {
      requireSupported(name, value);
      int existing = indexOf(name);
      if (existing >= 0) {
        ownArrays(names.length);
        values[existing] = value;
        return this;
      }
      append(name, value);
      return this;
    }

    /**
     * Adds a field unless one of that name is present, which is then left as it is.
     *
     * @return the value already present, or {@code null} when the field was added
     */
    public Object putIfAbsent(String name, Object value) {
      requireSupported(name, value);
      int existing = indexOf(name);
      if (existing >= 0) {
        return values[existing];
      }
      append(name, value);
      return null;
    }

    private static void requireSupported(String name, Object value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, () -> "value of " + name);
      if (!(value instanceof String || value instanceof Long || value instanceof Double
          || value instanceof Boolean)) {
        throw new IllegalArgumentException(
            "field " + name + " has unsupported type " + value.getClass().getName());
      }
    }

    private void append(String name, Object value) {
      ownArrays(size == names.length ? size * 2 : names.length);
      names[size] = name;
      values[size] = value;
      markSeen(name.hashCode());
      if (table != null) {
        table = table.add(names, size);
      }
      size++;
    }

    /** Removes a field if present; returns its value or {@code null}. */
    public Object remove(String name) {
      int i = indexOf(name);
      if (i < 0) {
        return null;
      }
      ownArrays(names.length);
      Object value = values[i];
      table = null; // positions after i move down: rebuilt on the next lookup
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
      if (size > TABLE_THRESHOLD) {
        if (table == null) {
          table = NameTable.of(names, size);
        }
        return table.indexOf(names, name);
      }
      int hash = name.hashCode();
      if (!maybeSeen(hash)) {
        return -1;
      }
      for (int i = 0; i < size; i++) {
        String candidate = names[i];
        if (candidate.hashCode() == hash && candidate.equals(name)) {
          return i;
        }
      }
      return -1;
    }

    private void markSeen(int hash) {
      int bucket = bucket(hash);
      if (bucket < 64) {
        seenLow |= 1L << bucket;
      } else {
        seenHigh |= 1L << bucket;
      }
    }

    private boolean maybeSeen(int hash) {
      int bucket = bucket(hash);
      return ((bucket < 64 ? seenLow : seenHigh) & (1L << bucket)) != 0;
    }

    /** The top 7 bits of the hash after a Fibonacci multiply: spreads similar names apart. */
    private static int bucket(int hash) {
      return (hash * 0x9E3779B9) >>> 25;
    }

    /** Makes the arrays the builder's own (copying them when shared) with room for {@code capacity} fields. */
    private void ownArrays(int capacity) {
      if (shared || capacity != names.length) {
        names = Arrays.copyOf(names, capacity);
        values = Arrays.copyOf(values, capacity);
        shared = false;
      }
    }

    /** The fields collected so far; shares the builder's arrays until the builder changes. */
    public Fields build() {
      if (size == 0) {
        return EMPTY;
      }
      shared = true;
      return new Fields(names, values, size);
    }
  }
}
