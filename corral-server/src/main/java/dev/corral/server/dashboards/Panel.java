package dev.corral.server.dashboards;

import java.util.Objects;

/**
 * One panel of a dashboard: a query drawn one way over a time range, or (visualization {@link
 * Visualization#ALERTS}) the alert instances firing and pending now.
 *
 * @param id unique within its dashboard ({@link Dashboard#ID_PATTERN})
 * @param description what the panel shows and how to read it, or null
 * @param query a whole query (filter and pipes) that parses; null exactly for an {@link Visualization#ALERTS} panel
 * @param range how far back the panel looks ({@code 15m}, {@code 1h}, {@code 24h}), or null for
 *     the dashboard's time picker
 * @param thresholds warning and critical values, or null
 * @param width columns of a 12-column grid, 1..12, or null for the UI's default
 */
public record Panel(String id, String title, String description, String query, Visualization visualization,
    String range, Thresholds thresholds, Integer width) {
  public Panel {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(visualization, "visualization");
    if ((query == null) == visualization.runsQuery()) {
      throw new IllegalArgumentException("BUG: a " + visualization.wireName() + " panel "
          + (query == null ? "needs a query" : "has no query") + ": " + id);
    }
  }
}
