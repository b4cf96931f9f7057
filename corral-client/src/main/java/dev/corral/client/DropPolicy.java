package dev.corral.client;

import java.util.Locale;

/** What the {@link EventQueue} gives up when it is full. Either way the logging thread never waits. */
public enum DropPolicy {
  /** The event being logged is dropped: what is queued is older and goes first. */
  DROP_NEWEST,
  /**
   * A queued DEBUG or TRACE event (the oldest) makes room for an INFO-or-above event being logged; when no
   * DEBUG/TRACE event is queued, or the new event is DEBUG/TRACE itself, the new event is dropped. The default:
   * when Corral is slow or away, the warnings and errors are what an operator needs afterwards.
   */
  DROP_DEBUG_FIRST;

  /** Reads {@code drop_newest} / {@code drop_debug_first} (any case, {@code -} or {@code _}). */
  public static DropPolicy parse(String text) {
    String name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (DropPolicy policy : values()) {
      if (policy.name().equals(name)) {
        return policy;
      }
    }
    throw new IllegalArgumentException("dropPolicy '" + text + "' is not one of drop_debug_first, drop_newest");
  }
}
