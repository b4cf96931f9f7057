package dev.corral.model;

/**
 * The position of each name in a {@link Fields.Builder}'s name array, as an open-addressing hash
 * table of ints (linear probing, at most half full): one allocation however many fields, where a
 * {@code HashMap} costs a node and often a box per field. Holds positions, not names, so it is
 * only valid together with the array it was built for. Not thread-safe.
 */
final class NameTable {
  /** Slots per name at least: keeps probe runs short. */
  private static final int SLOTS_PER_NAME = 2;

  /** Position + 1 per slot; 0 is an empty slot. */
  private final int[] slots;
  private final int mask;
  private int count;

  private NameTable(int capacity) {
    int length = Integer.highestOneBit(Math.max(8, capacity * SLOTS_PER_NAME - 1)) << 1;
    slots = new int[length];
    mask = length - 1;
  }

  /** A table of the first {@code size} names, which must be distinct. */
  static NameTable of(String[] names, int size) {
    NameTable table = new NameTable(Math.max(size, names.length));
    for (int i = 0; i < size; i++) {
      table.insert(names, i);
    }
    return table;
  }

  /** The position of {@code name} in {@code names}, or -1. */
  int indexOf(String[] names, String name) {
    for (int slot = slotOf(name.hashCode()); ; slot = (slot + 1) & mask) {
      int entry = slots[slot];
      if (entry == 0) {
        return -1;
      }
      if (names[entry - 1].equals(name)) {
        return entry - 1;
      }
    }
  }

  /**
   * Adds {@code names[position]}, a name not in the table yet.
   *
   * @return this table, or a larger one holding the names up to {@code position} when this one
   *     would be more than half full
   */
  NameTable add(String[] names, int position) {
    if ((count + 1) * SLOTS_PER_NAME > slots.length) {
      return of(names, position + 1);
    }
    insert(names, position);
    return this;
  }

  private void insert(String[] names, int position) {
    int slot = slotOf(names[position].hashCode());
    while (slots[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    slots[slot] = position + 1;
    count++;
  }

  private int slotOf(int hash) {
    return (hash ^ (hash >>> 16)) & mask;
  }
}
