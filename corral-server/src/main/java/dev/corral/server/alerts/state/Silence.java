package dev.corral.server.alerts.state;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A silence or a maintenance window: while it is active, alert instances whose labels satisfy every
 * matcher still change state (and show as silenced) but are not notified.
 *
 * <p>A plain silence is active from {@code startsAt} until it expires at {@code endsAt}. A
 * maintenance window is one with a future {@code startsAt} (a one-off window) or a
 * {@link Recurrence} (active only inside its weekly slots, between {@code startsAt} and {@code endsAt}).
 *
 * @param id its id, unique among the silences
 * @param matchers all must match; never empty
 * @param startsAt when it starts to apply
 * @param endsAt when it expires; after {@code startsAt}
 * @param recurrence the weekly slots of a recurring maintenance window; null for none
 * @param comment why (shown in the API and the UI)
 * @param createdBy who made it: the API key's id
 * @param createdAt when it was made
 */
public record Silence(String id, List<LabelMatcher> matchers, Instant startsAt, Instant endsAt, Recurrence recurrence,
    String comment, String createdBy, Instant createdAt) {
  public Silence {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(endsAt, "endsAt");
    Objects.requireNonNull(createdAt, "createdAt");
    matchers = List.copyOf(matchers);
    comment = comment == null ? "" : comment;
    createdBy = createdBy == null ? "" : createdBy;
    if (matchers.isEmpty()) {
      throw new IllegalArgumentException("BUG: silence " + id + " has no matcher");
    }
    if (!endsAt.isAfter(startsAt)) {
      throw new IllegalArgumentException("BUG: silence " + id + " ends at " + endsAt + ", not after its start " + startsAt);
    }
  }

  /** Whether it silences at {@code at} (between its start and its expiry, and inside a slot if recurring). */
  public boolean activeAt(Instant at) {
    return !at.isBefore(startsAt) && at.isBefore(endsAt) && (recurrence == null || recurrence.covers(at));
  }

  /** Whether it silences an instance with {@code labels} at {@code at}. */
  public boolean silences(Map<String, String> labels, Instant at) {
    return activeAt(at) && matchers.stream().allMatch(matcher -> matcher.matches(labels));
  }

  /** {@code maintenance} for a recurring or future window, {@code silence} otherwise. */
  public String kind() {
    return recurrence != null || startsAt.isAfter(createdAt) ? "maintenance" : "silence";
  }

  /** {@code pending} before its start, {@code active}, {@code expired} after its end. */
  public String status(Instant now) {
    return now.isBefore(startsAt) ? "pending" : now.isBefore(endsAt) ? "active" : "expired";
  }
}
