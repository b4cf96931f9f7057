package dev.corral.server.dashboards;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How a panel draws its query's result (or, for {@link #ALERTS}, the alert instances). */
public enum Visualization {
  /** Rows × columns of colored cells, e.g. services × levels. */
  MATRIX,
  /** Lines over time (a timechart). */
  LINE,
  /** Bars, over time or per group. */
  BAR,
  /** The rows as a table. */
  TABLE,
  /** One big number. */
  NUMBER,
  /**
   * The firing and pending alert instances ({@code GET /api/v1/alerts/instances}), not a query's
   * result: a panel of this kind has no query, range or thresholds.
   */
  ALERTS;

  /** Whether a panel drawn this way runs a query (every visualization but {@link #ALERTS}). */
  public boolean runsQuery() {
    return this != ALERTS;
  }

  /** The name in JSON: lower case. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Every wire name, in declaration order. */
  public static List<String> wireNames() {
    return Arrays.stream(values()).map(Visualization::wireName).toList();
  }

  /** The visualization with this wire name, or null. */
  public static Visualization byWireName(String name) {
    for (Visualization v : values()) {
      if (v.wireName().equals(name)) {
        return v;
      }
    }
    return null;
  }
}
