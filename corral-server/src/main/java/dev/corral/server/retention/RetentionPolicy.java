package dev.corral.server.retention;

import dev.corral.server.config.DurationText;
import dev.corral.server.config.RetentionSection;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What Corral keeps (docs/operations.md, "Retention"): day partitions whose day ended more than
 * {@code maxAge} ago are dropped, oldest days are dropped while the partitions take more than
 * {@code maxBytes}, and the {@code rules} keep or delete the events they match inside day partitions
 * (the longest matching rule wins, also over {@code maxAge}). Zero for either limit and no rules:
 * everything is kept.
 *
 * @param maxAge 0 (keep forever) or at least {@link RetentionRule#MIN_MAX_AGE}
 * @param maxBytes 0 (no size limit) or the most bytes the day partitions may take
 * @param rules the stream rules, at most {@link #MAX_RULES}
 */
public record RetentionPolicy(Duration maxAge, long maxBytes, List<RetentionRule> rules) {
  /** Keeps everything: the built-in default, so an upgrade never deletes anyone's data. */
  public static final RetentionPolicy KEEP_EVERYTHING = new RetentionPolicy(Duration.ZERO, 0, List.of());
  /** Each rule is one clause of each day's deletion query; a few dozen cover any sensible set of streams. */
  public static final int MAX_RULES = 100;

  public RetentionPolicy {
    Objects.requireNonNull(maxAge, "maxAge");
    rules = List.copyOf(rules);
    if (!maxAge.isZero() && maxAge.compareTo(RetentionSection.MIN_MAX_AGE) < 0) {
      throw new IllegalArgumentException("max_age " + DurationText.format(maxAge) + " is below the minimum of "
          + DurationText.format(RetentionSection.MIN_MAX_AGE) + " (0 keeps everything)");
    }
    if (maxBytes < 0) {
      throw new IllegalArgumentException("max_bytes " + maxBytes + " is negative (0 sets no size limit)");
    }
    if (rules.size() > MAX_RULES) {
      throw new IllegalArgumentException(rules.size() + " rules are more than the limit of " + MAX_RULES);
    }
  }

  /**
   * The policy of the {@code retention.*} settings.
   *
   * @throws dev.corral.query.QuerySyntaxException when a rule's match does not parse (checked already when the
   *     configuration was read)
   */
  public static RetentionPolicy of(RetentionSection section) {
    List<RetentionRule> rules = section.rules().stream().map(rule -> RetentionRule.of(rule.match(), rule.maxAge())).toList();
    return new RetentionPolicy(section.maxAge(), section.maxBytes(), rules);
  }

  /** Whether this policy deletes nothing ever. */
  public boolean keepsEverything() {
    return maxAge.isZero() && maxBytes == 0 && rules.isEmpty();
  }
}
