package dev.corral.server.alerts.state;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The weekly slot of a recurring maintenance window: on each of {@code days}, from {@code start}
 * (local time in {@code zone}) for {@code length}. A slot may run past midnight (a Saturday 22:00
 * slot of 4 h covers Sunday 01:00); across a daylight-saving change it starts at the same local time.
 *
 * @param days the days a slot starts on; never empty
 * @param start the local time a slot starts
 * @param length how long a slot lasts: more than zero, at most {@link #MAX_LENGTH}
 * @param zone the time zone of {@code days} and {@code start}
 */
public record Recurrence(Set<DayOfWeek> days, LocalTime start, Duration length, ZoneId zone) {
  /** A week: a longer slot would overlap the next week's and is simply a silence. */
  public static final Duration MAX_LENGTH = Duration.ofDays(7);

  public Recurrence {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(length, "length");
    Objects.requireNonNull(zone, "zone");
    if (days == null || days.isEmpty()) {
      throw new IllegalArgumentException("a recurrence needs at least one day");
    }
    days = Set.copyOf(EnumSet.copyOf(days));
    if (length.isNegative() || length.isZero() || length.compareTo(MAX_LENGTH) > 0) {
      throw new IllegalArgumentException("a recurrence lasts " + length + ", outside (0, " + MAX_LENGTH + "]");
    }
  }

  /** Whether a slot covers {@code at}: one started on a listed day, at most {@code length} before. */
  public boolean covers(Instant at) {
    LocalDate today = at.atZone(zone).toLocalDate();
    long daysBack = length.toDays() + 1;
    for (long back = 0; back <= daysBack; back++) {
      LocalDate day = today.minusDays(back);
      if (!days.contains(day.getDayOfWeek())) {
        continue;
      }
      Instant slotStart = ZonedDateTime.of(day, start, zone).toInstant();
      if (!at.isBefore(slotStart) && at.isBefore(slotStart.plus(length))) {
        return true;
      }
    }
    return false;
  }
}
