package dev.corral.model.normalize;

/**
 * Joins a parent path and a member name into a dotted field path ({@code context} +
 * {@code payment_amount} → {@code context.payment_amount}), remembering recent joins so that the
 * nested fields every event of a shape repeats cost a lookup instead of a new string each time.
 *
 * <p>The memory is a fixed-size table, each slot holding the last join whose parts hashed to it,
 * and only paths up to {@link #MAX_CACHED_CHARS} are kept: it never grows past about a megabyte,
 * so events with ever new or huge names (hostile or not) only cost the joins they would have cost
 * without it. Lookups compare the parts by value, so any two strings that are equal work.
 *
 * <p>Thread-safe without locks: a slot holds an immutable entry, written and read as one reference
 * (a racing thread may miss an entry and join again, never see a torn one).
 */
final class FieldPaths {
  /** Slots (a power of two): a few thousand distinct nested paths cover the shapes a fleet sends. */
  static final int SLOTS = 4096;
  /** Longest path kept; real field paths are far shorter, and it bounds what the table holds on to. */
  static final int MAX_CACHED_CHARS = 96;

  private final Entry[] table = new Entry[SLOTS];

  /** {@code parent + '.' + name}, possibly the same instance as an earlier call returned. */
  String join(String parent, String name) {
    int hash = parent.hashCode() * 31 + name.hashCode();
    int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
    Entry entry = table[slot];
    if (entry != null && entry.name.equals(name) && entry.parent.equals(parent)) {
      return entry.path;
    }
    String path = parent + '.' + name;
    if (path.length() <= MAX_CACHED_CHARS) {
      table[slot] = new Entry(parent, name, path);
    }
    return path;
  }

  private record Entry(String parent, String name, String path) {}
}
