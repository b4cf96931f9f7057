package dev.corral.query.eval;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which event fields the event-stage {@code | fields} pipes so far let through, as the store's
 * {@code FieldVisibility}: all until a {@code fields}, then only those named by every {@code
 * fields} so far (names compare after {@link ReservedFields#resolve}). A later pipe reading a hidden
 * field sees it as absent in every event. Immutable.
 */
final class VisibleFields {
  static final VisibleFields ALL = new VisibleFields(null, null);

  /** The names of the last {@code fields}, as written (the columns of a fields table), or null. */
  private final List<String> columns;
  /** Canonical names still visible, or null for all. */
  private final Set<String> visible;

  private VisibleFields(List<String> columns, Set<String> visible) {
    this.columns = columns;
    this.visible = visible;
  }

  /** After {@code | fields names}. */
  VisibleFields project(List<String> names) {
    Set<String> next = new HashSet<>();
    for (String name : names) {
      String canonical = ReservedFields.resolve(name);
      if (visible == null || visible.contains(canonical)) {
        next.add(canonical);
      }
    }
    return new VisibleFields(List.copyOf(names), next);
  }

  boolean isVisible(String name) {
    return visible == null || visible.contains(ReservedFields.resolve(name));
  }

  /** The columns of the last {@code fields}, or null when there was none. */
  List<String> columns() {
    return columns;
  }
}
