package dev.corral.server.retention;

import dev.corral.query.QuerySyntaxException;
import dev.corral.query.ast.Query;
import dev.corral.server.config.DurationText;
import dev.corral.server.config.RetentionSection;
import dev.corral.server.search.FilterText;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A stream rule: events that {@code match} (a filter of the query language) are kept {@code
 * maxAge} after the end of their UTC day. Among the rules an event matches, the longest wins, also
 * over the policy's {@code max_age} (docs/operations.md, "Retention").
 *
 * @param match the filter as written
 * @param filter the parsed filter
 * @param maxAge how long matching events are kept after their day ends, at least {@link RetentionSection#MIN_MAX_AGE}
 */
public record RetentionRule(String match, Query filter, Duration maxAge) {
  public RetentionRule {
    Objects.requireNonNull(match, "match");
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxAge.compareTo(RetentionSection.MIN_MAX_AGE) < 0) {
      throw new IllegalArgumentException("max_age " + DurationText.format(maxAge) + " of the rule '" + match
          + "' is below the minimum of " + DurationText.format(RetentionSection.MIN_MAX_AGE));
    }
  }

  /**
   * The rule keeping events matching {@code match} for {@code maxAge}.
   *
   * @throws QuerySyntaxException when {@code match} does not parse, with the position (a caret)
   * @throws IllegalArgumentException when {@code maxAge} is below the minimum
   */
  public static RetentionRule of(String match, Duration maxAge) {
    return new RetentionRule(match, FilterText.parse(match), maxAge);
  }

  /** Whether events of the day ending at {@code dayEnd} are still kept by this rule at {@code now}. */
  boolean keeps(Instant dayEnd, Instant now) {
    return dayEnd.plus(maxAge).isAfter(now);
  }

  /** How the rule is named in logs and the deletions list: {@code level:DEBUG (3d)}. */
  String label() {
    return match + " (" + DurationText.format(maxAge) + ")";
  }
}
