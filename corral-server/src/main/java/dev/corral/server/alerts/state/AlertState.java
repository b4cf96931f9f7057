package dev.corral.server.alerts.state;

import java.util.Locale;

/**
 * Where an alert instance stands. An instance that is not tracked is inactive: its condition does
 * not hold (or held only briefly while pending).
 */
public enum AlertState {
  /** Not tracked: the condition does not hold. Appears only in history events, never in the table. */
  INACTIVE,
  /** The condition holds, but not yet for the rule's {@code for}. */
  PENDING,
  /** The condition has held for {@code for}; notified. */
  FIRING,
  /** Was firing; the condition has been false for {@code keep_firing_for}. Kept for the API a while. */
  RESOLVED;

  /** The name in the API, the state file and history events: {@code firing}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The state a wire name names. */
  public static AlertState fromWireName(String name) {
    for (AlertState state : values()) {
      if (state.wireName().equals(name)) {
        return state;
      }
    }
    throw new IllegalArgumentException("unknown alert state '" + name + "': expected inactive, pending, firing or resolved");
  }
}
