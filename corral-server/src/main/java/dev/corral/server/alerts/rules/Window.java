package dev.corral.server.alerts.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The stretch of event time one evaluation reads: {@code [from, to)}, evaluated {@code at}.
 *
 * @param at when the evaluation ran (its "now")
 * @param to exclusive end: {@code at} minus the lag, never after what is searchable
 */
record Window(Instant at, Instant from, Instant to) {
  Window {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }

  /** This window's length ending earlier by {@code shift} (a baseline's reference days). */
  Window shiftedBack(Duration shift) {
    return new Window(at, from.minus(shift), to.minus(shift));
  }

  /** {@code [from - length, from)}: the stretch right before this window. */
  Window before(Duration length) {
    return new Window(at, from.minus(length), from);
  }
}
