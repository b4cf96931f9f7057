package dev.corral.server.recording;

import java.util.Locale;

/** What a recording rule exports: the latest window's values, or a running total of them. */
public enum MetricType {
  /**
   * Each evaluation replaces every series with the rows of its window ({@code [end - window, end)}); a
   * group absent from the latest result is no longer exported.
   */
  GAUGE,
  /**
   * Each evaluation adds its rows' values to the series' totals; the windows tile time ({@code [previous
   * end, end)}), so every event whose timestamp is searchable by the end of its window is counted
   * once. A series, once seen, is exported until the rule changes or the server restarts (Prometheus
   * reads a restart as a counter reset).
   */
  COUNTER;

  /** The name in rule files: lower case. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
