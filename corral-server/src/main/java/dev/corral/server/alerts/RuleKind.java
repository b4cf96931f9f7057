package dev.corral.server.alerts;

import java.util.Locale;

/** What a rule watches; each kind is evaluated its own way (docs/alerting.md). */
public enum RuleKind {
  /** A condition over the rows of any query's result, e.g. {@code count() > 50} by service. */
  THRESHOLD,
  /** A threshold whose value is a rate (errors / total); evaluated like {@link #THRESHOLD}. */
  RATIO,
  /** The same trace (or request) id has errors in more than N services within the window. */
  TRACE,
  /** A statistic of a field by group is more than a factor above its own baseline. */
  BASELINE,
  /** Any new event matching the query, seen on the live stream as it is written. */
  MATCH,
  /** No event matches the query (per group) for the window: a dead service. */
  ABSENCE;

  /** The name used in rule files and the API, e.g. {@code threshold}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind a rule file names, case-insensitively. */
  public static RuleKind fromWireName(String name) {
    for (RuleKind kind : values()) {
      if (kind.wireName().equalsIgnoreCase(name)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown rule kind '" + name + "': expected one of threshold, ratio, trace,"
        + " baseline, match, absence");
  }
}
