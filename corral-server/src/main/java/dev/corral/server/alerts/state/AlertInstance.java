package dev.corral.server.alerts.state;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One tracked alert instance at one moment. A value: every change makes a new one.
 *
 * @param key the rule and group
 * @param state pending, firing or resolved (an inactive instance is not tracked)
 * @param value the last value its condition judged
 * @param details the last observation's details (JSON-ready)
 * @param activeAt when the condition started to hold in this episode (the start of pending)
 * @param startsAt when it started firing; null while pending
 * @param lastSeenAt the last evaluation at which the condition held
 * @param endsAt when it resolved; null unless resolved
 * @param lastNotifiedAt when a notification about it was last handed to the notifier; null when none
 *     was for this episode (pending, or silenced since it fired)
 */
public record AlertInstance(InstanceKey key, AlertState state, double value, Map<String, Object> details,
    Instant activeAt, Instant startsAt, Instant lastSeenAt, Instant endsAt, Instant lastNotifiedAt) {
  public AlertInstance {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(activeAt, "activeAt");
    Objects.requireNonNull(lastSeenAt, "lastSeenAt");
    details = details == null ? Map.of() : Map.copyOf(details);
    if (state == AlertState.INACTIVE) {
      throw new IllegalArgumentException("BUG: an inactive instance is not tracked: " + key);
    }
    if (state != AlertState.PENDING && startsAt == null) {
      throw new IllegalArgumentException("BUG: a " + state.wireName() + " instance has a start: " + key);
    }
    if (state == AlertState.RESOLVED && endsAt == null) {
      throw new IllegalArgumentException("BUG: a resolved instance has an end: " + key);
    }
  }

  /** This instance, marked as notified at {@code at}. */
  public AlertInstance notifiedAt(Instant at) {
    return new AlertInstance(key, state, value, details, activeAt, startsAt, lastSeenAt, endsAt, at);
  }

  /** Whether a notification reported this episode as firing (so its end is worth a resolve). */
  public boolean notified() {
    return lastNotifiedAt != null;
  }
}
