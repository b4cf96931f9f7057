package dev.corral.query.table;

import java.util.ArrayList;
import java.util.List;

/**
 * A query result table. Cells hold String, Long, Double (or null for "no value"); a TIMESTAMP
 * column holds epoch nanoseconds as Long. Immutable.
 *
 * @param truncated true when rows or groups were cut by a limit; the response says so
 * @param otherRow true when the last row is the "other" bucket that sums the groups beyond the
 *     group limit (its group columns hold the text {@value #OTHER})
 */
public record Table(List<Column> columns, List<List<Object>> rows, boolean truncated, boolean otherRow) {
  /** Group value of the bucket holding every group beyond the group limit. */
  public static final String OTHER = "(other)";

  public Table {
    columns = List.copyOf(columns);
    List<List<Object>> copy = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException("row has " + row.size() + " cells for " + columns.size() + " columns");
      }
      copy.add(java.util.Collections.unmodifiableList(new ArrayList<>(row)));
    }
    rows = java.util.Collections.unmodifiableList(copy);
  }

  /** Index of the column with this name, or -1. */
  public int columnIndex(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
