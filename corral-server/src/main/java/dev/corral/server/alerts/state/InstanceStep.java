package dev.corral.server.alerts.state;

import dev.corral.server.alerts.AlertRule;
import dev.corral.server.alerts.Observation;
import java.time.Duration;
import java.time.Instant;

/**
 * The state machine of one alert instance: where one evaluation takes it. Pure: the same inputs
 * always give the same step, so the table, the restart and the tests agree.
 *
 * <pre>
 *                 holds, for = 0
 *   inactive ─────────────────────────────────────► firing ──── false for keep_firing_for ───► resolved
 *      │  ▲                                          ▲  │ ▲                                      │
 *      │  └──── false (no notification) ── pending ──┘  │ └── holds again (same episode)         │
 *      └─ holds, for > 0 ─────────────────►  (holds for `for`)                                    │
 *   resolved ── holds again ──► pending / firing: a new episode with a new start ◄───────────────┘
 * </pre>
 *
 * @param before the instance before the evaluation; null when it was not tracked (inactive)
 * @param instance the instance after the evaluation; null when it is no longer tracked (inactive)
 * @param from its state before (inactive when it was not tracked)
 * @param to its state after (inactive when {@code instance} is null)
 */
public record InstanceStep(AlertInstance before, AlertInstance instance, AlertState from, AlertState to) {
  /** Whether the evaluation moved the instance to another state. */
  public boolean changed() {
    return from != to;
  }

  /** The instance this step is about: after it, or before it when it is no longer tracked. */
  public AlertInstance subject() {
    return instance != null ? instance : before;
  }

  /**
   * Where one evaluation at {@code at} takes an instance.
   *
   * @param previous the instance before, null when not tracked
   * @param observation its row when the condition held, null when it did not
   * @param rule its rule: {@code for} and {@code keep_firing_for}
   */
  public static InstanceStep of(InstanceKey key, AlertInstance previous, Observation observation, AlertRule rule,
      Instant at) {
    AlertState from = previous == null ? AlertState.INACTIVE : previous.state();
    AlertInstance next = observation != null ? holds(key, previous, observation, rule.forDuration(), at)
        : fails(previous, rule.keepFiringFor(), at);
    return new InstanceStep(previous, next, from, next == null ? AlertState.INACTIVE : next.state());
  }

  /** The condition holds at {@code at}. */
  private static AlertInstance holds(InstanceKey key, AlertInstance previous, Observation observation,
      Duration forDuration, Instant at) {
    if (previous == null || previous.state() == AlertState.RESOLVED) {
      return forDuration.isZero() ? firing(key, observation, at, at, at, null)
          : new AlertInstance(key, AlertState.PENDING, observation.value(), observation.details(), at, null, at, null,
              null);
    }
    if (previous.state() == AlertState.FIRING) {
      return firing(key, observation, previous.activeAt(), previous.startsAt(), at, previous.lastNotifiedAt());
    }
    if (!at.isBefore(previous.activeAt().plus(forDuration))) {
      return firing(key, observation, previous.activeAt(), at, at, null);
    }
    return new AlertInstance(key, AlertState.PENDING, observation.value(), observation.details(), previous.activeAt(),
        null, at, null, null);
  }

  private static AlertInstance firing(InstanceKey key, Observation observation, Instant activeAt, Instant startsAt,
      Instant at, Instant lastNotifiedAt) {
    return new AlertInstance(key, AlertState.FIRING, observation.value(), observation.details(), activeAt, startsAt,
        at, null, lastNotifiedAt);
  }

  /** The condition does not hold at {@code at}. */
  private static AlertInstance fails(AlertInstance previous, Duration keepFiringFor, Instant at) {
    if (previous == null || previous.state() == AlertState.PENDING) {
      return null;
    }
    if (previous.state() == AlertState.RESOLVED) {
      return previous;
    }
    if (at.isBefore(previous.lastSeenAt().plus(keepFiringFor))) {
      return previous; // hysteresis: still firing until the condition has been false keep_firing_for
    }
    return resolved(previous, at);
  }

  /** {@code instance} resolved at {@code at} (its condition stopped holding, or its rule went away). */
  public static AlertInstance resolved(AlertInstance instance, Instant at) {
    return new AlertInstance(instance.key(), AlertState.RESOLVED, instance.value(), instance.details(),
        instance.activeAt(), instance.startsAt(), instance.lastSeenAt(), at, instance.lastNotifiedAt());
  }
}
