package dev.corral.server.config;

import dev.corral.query.QuerySyntaxException;
import dev.corral.query.TimeExpression;
import dev.corral.server.search.FilterText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code retention.*} settings (docs/operations.md, "Retention"): what the store keeps by age,
 * size and stream rule, and how often the retention pass runs. The admin API may replace the policy
 * at run time (then {@code data/retention.json} overrides these); the interval stays as configured.
 *
 * @param maxAge day partitions whose day ended longer ago are dropped; 0 keeps them forever
 * @param maxBytes oldest days are dropped while the partitions take more; 0 for no limit
 * @param rules stream rules, each a filter and how long its events are kept
 * @param interval how often the retention pass runs
 * @param sources where each policy value came from (key to "default", a file, an environment variable)
 */
public record RetentionSection(Duration maxAge, long maxBytes, List<Rule> rules, Duration interval,
    Map<String, String> sources) {
  /** Shorter than an hour, a limit would delete events of a day still being written. */
  public static final Duration MIN_MAX_AGE = Duration.ofHours(1);
  /** A hundred years: past any sensible retention, and far from Instant's overflow. */
  private static final Duration MAX_MAX_AGE = Duration.ofDays(36_500);
  /** A pass lists partitions and counts matches per day: more often than this only costs I/O. */
  private static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

  /**
   * One stream rule as configured.
   *
   * @param match a filter of the query language (it parses: checked when read)
   * @param maxAge how long matching events are kept after their day ends
   */
  public record Rule(String match, Duration maxAge) {
    public Rule {
      Objects.requireNonNull(match, "match");
      Objects.requireNonNull(maxAge, "maxAge");
    }
  }

  public RetentionSection {
    Objects.requireNonNull(maxAge, "maxAge");
    Objects.requireNonNull(interval, "interval");
    rules = List.copyOf(rules);
    sources = Map.copyOf(sources);
  }

  /**
   * Reads and validates the {@code retention.*} settings.
   *
   * @throws ConfigException in one line, naming the setting, the rule and the problem — for a match
   *     that does not parse, the query language's reason and position
   */
  public static RetentionSection from(ConfigValues values) {
    Duration maxAge = values.duration(Settings.RETENTION_MAX_AGE, Duration.ZERO, MAX_MAX_AGE);
    if (!maxAge.isZero() && maxAge.compareTo(MIN_MAX_AGE) < 0) {
      throw new ConfigException("setting retention.max_age = '" + values.text(Settings.RETENTION_MAX_AGE) + "' (from "
          + values.source(Settings.RETENTION_MAX_AGE) + ") is below the minimum of 1h; 0 keeps everything");
    }
    List<Rule> rules = new ArrayList<>();
    List<Map<String, String>> entries = values.maps(Settings.RETENTION_RULES);
    for (int i = 0; i < entries.size(); i++) {
      rules.add(rule(entries.get(i), "retention.rules[" + i + "] (from " + values.source(Settings.RETENTION_RULES) + ")"));
    }
    Map<String, String> sources = new LinkedHashMap<>();
    for (Setting setting : List.of(Settings.RETENTION_MAX_AGE, Settings.RETENTION_MAX_BYTES, Settings.RETENTION_RULES)) {
      sources.put(setting.key(), values.source(setting));
    }
    return new RetentionSection(maxAge, values.bytes(Settings.RETENTION_MAX_BYTES, 0, Long.MAX_VALUE), rules,
        values.duration(Settings.RETENTION_INTERVAL, MIN_INTERVAL, Duration.ofDays(1)), sources);
  }

  private static Rule rule(Map<String, String> entry, String place) {
    for (String key : entry.keySet()) {
      if (!key.equals("match") && !key.equals("max_age")) {
        throw new ConfigException(place + " has an unknown key '" + key + "'; a rule has match and max_age");
      }
    }
    String match = entry.get("match");
    String maxAgeText = entry.get("max_age");
    if (match == null || match.isBlank() || maxAgeText == null) {
      throw new ConfigException(place + " needs both match (a filter) and max_age (e.g. {match: \"level:DEBUG\", max_age: 3d})");
    }
    try {
      FilterText.parse(match);
    } catch (QuerySyntaxException e) {
      throw new ConfigException(place + " match '" + match + "' does not parse: " + e.getMessage());
    }
    Duration maxAge;
    try {
      maxAge = TimeExpression.parseDuration(maxAgeText);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(place + " max_age '" + maxAgeText + "' is not a duration: " + e.getMessage());
    }
    if (maxAge.compareTo(MIN_MAX_AGE) < 0 || maxAge.compareTo(MAX_MAX_AGE) > 0) {
      throw new ConfigException(place + " max_age '" + maxAgeText + "' is outside 1h..36500d");
    }
    return new Rule(match, maxAge);
  }
}
