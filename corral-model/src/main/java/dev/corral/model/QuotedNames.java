package dev.corral.model;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * The quoted UTF-8 form of recently written field names, so that {@link CanonicalJson} copies a
 * name's bytes instead of escaping it character by character for every event: the names of one
 * fleet are few and recur in every event.
 *
 * <p>A fixed table with one slot per name hash, each the last name that hashed there; only
 * printable ASCII names without a quote or backslash (whose quoted form is the name itself between
 * quotes, so the copy is byte for byte what the generator would write) of at most
 * {@link #MAX_NAME_CHARS} characters are kept, so hostile names cannot grow it. Thread-safe
 * without locks: an entry is immutable and its reference is written at once, so a racing thread
 * may miss a name and encode it again, never see a torn entry.
 */
final class QuotedNames {
  /** Slots (a power of two): more than the field names a fleet uses. */
  private static final int SLOTS = 2048;
  /** Longest name kept: bounds what the table holds on to. */
  private static final int MAX_NAME_CHARS = 96;

  private final SerializedString[] slots = new SerializedString[SLOTS];

  /** The quoted form of {@code name}, or null when the caller must write the name itself. */
  SerializableString of(String name) {
    int hash = name.hashCode();
    int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
    SerializedString known = slots[slot];
    if (known != null && known.getValue().equals(name)) {
      return known;
    }
    if (!isPlain(name)) {
      return null;
    }
    SerializedString quoted = new SerializedString(name);
    quoted.asQuotedUTF8(); // computed here, once, rather than by the first writer racing others
    slots[slot] = quoted;
    return quoted;
  }

  /** Printable ASCII without quote or backslash, and not too long: its JSON form needs no escape. */
  private static boolean isPlain(String name) {
    int length = name.length();
    if (length > MAX_NAME_CHARS) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }
}
