package dev.corral.store.exec;

import dev.corral.store.index.FieldMapping;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which event fields the pipes so far let through: all of them until a {@code | fields}, then
 * only those named by every {@code | fields} so far. A later pipe reading a hidden field sees it
 * as absent in every event. Names compare after {@link FieldMapping#resolve}. Immutable.
 */
final class FieldVisibility {
  static final FieldVisibility ALL = new FieldVisibility(null, null);

  /** The names of the last {@code | fields}, as written: the columns of a fields table. */
  private final List<String> columns;
  /** Resolved names still visible, or null for all. */
  private final Set<String> visible;

  private FieldVisibility(List<String> columns, Set<String> visible) {
    this.columns = columns;
    this.visible = visible;
  }

  /** After {@code | fields names}. */
  FieldVisibility project(List<String> names) {
    Set<String> next = new HashSet<>();
    for (String name : names) {
      String resolved = FieldMapping.resolve(name);
      if (visible == null || visible.contains(resolved)) {
        next.add(resolved);
      }
    }
    return new FieldVisibility(List.copyOf(names), next);
  }

  boolean isVisible(String name) {
    return visible == null || visible.contains(FieldMapping.resolve(name));
  }

  /** The columns of the last {@code | fields}, or null when there was none. */
  List<String> columns() {
    return columns;
  }
}
