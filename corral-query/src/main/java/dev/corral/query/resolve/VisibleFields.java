package dev.corral.query.resolve;

import dev.corral.model.FieldNames;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which event fields the event-stage {@code | fields} pipes so far let through: all until a {@code
 * fields}, then only those named by every {@code fields} so far (names compare after {@link
 * FieldNames#canonical}). A later pipe reading a hidden field sees it as absent in every event:
 * the rule of both back ends. Immutable.
 */
public final class VisibleFields {
  /** Before any {@code | fields}: every field. */
  public static final VisibleFields ALL = new VisibleFields(null, null);

  /** The names of the last {@code fields}, as written (the columns of a fields table), or null. */
  private final List<String> columns;
  /** Canonical names still visible, or null for all. */
  private final Set<String> visible;

  private VisibleFields(List<String> columns, Set<String> visible) {
    this.columns = columns;
    this.visible = visible;
  }

  /** After {@code | fields names}. */
  public VisibleFields project(List<String> names) {
    Set<String> next = new HashSet<>();
    for (String name : names) {
      String canonical = FieldNames.canonical(name);
      if (visible == null || visible.contains(canonical)) {
        next.add(canonical);
      }
    }
    return new VisibleFields(List.copyOf(names), next);
  }

  /** Whether a field, as typed or canonical, is still visible. */
  public boolean isVisible(String name) {
    return visible == null || visible.contains(FieldNames.canonical(name));
  }

  /** The columns of the last {@code fields}, as written, or null when there was none. */
  public List<String> columns() {
    return columns;
  }
}
