package dev.corral.server.dashboards;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A saved dashboard: a title and panels. Validated by {@link DashboardJson} when read.
 *
 * @param id its name in URLs and on disk ({@link #ID_PATTERN})
 * @param description what the dashboard is for, or null
 */
public record Dashboard(String id, String title, String description, List<Panel> panels) {
  /** Ids are safe as file names and URL segments on every system: lower case, digits, dashes. */
  public static final Pattern ID_PATTERN = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  public Dashboard {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    panels = List.copyOf(panels);
  }

  /** Whether {@code id} is a valid dashboard or panel id. */
  public static boolean isValidId(String id) {
    return id != null && ID_PATTERN.matcher(id).matches();
  }
}
