package dev.corral.server.alerts.rules;

import dev.corral.query.table.Column;
import dev.corral.query.table.ColumnType;
import dev.corral.query.table.Table;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads result rows as alert instances: their group values, their value and their cells. */
final class TableRows {
  private TableRows() {}

  /** {@code column=value} of the group columns ({@code ""} for a missing cell). */
  static Map<String, String> group(Table table, List<Object> row, List<String> groupColumns) {
    Map<String, String> group = new LinkedHashMap<>();
    for (String column : groupColumns) {
      int index = table.columnIndex(column);
      Object cell = index < 0 ? null : row.get(index);
      group.put(column, cell == null ? "" : cell.toString());
    }
    return group;
  }

  /** Whether the row is the "(other)" bucket of groups beyond the group limit (never an instance). */
  static boolean isOther(Table table, List<Object> row, List<String> groupColumns) {
    for (String column : groupColumns) {
      int index = table.columnIndex(column);
      if (index >= 0 && Table.OTHER.equals(row.get(index))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The column whose cells are an instance's value: the last numeric column that is not a group
   * column ({@code error_rate} of {@code stats count() as total, count(level:ERROR) as errors by
   * service | eval error_rate = ...}; {@code errors} of {@code stats count() as errors by service}),
   * -1 when there is none.
   */
  static int valueColumn(Table table, List<String> groupColumns) {
    List<Column> columns = table.columns();
    for (int i = columns.size() - 1; i >= 0; i--) {
      Column column = columns.get(i);
      if ((column.type() == ColumnType.LONG || column.type() == ColumnType.DOUBLE)
          && !groupColumns.contains(column.name())) {
        return i;
      }
    }
    return -1;
  }

  /** The cell as a number, NaN for none or a text that is no number. */
  static double number(List<Object> row, int index) {
    if (index < 0) {
      return Double.NaN;
    }
    Object cell = row.get(index);
    if (cell instanceof Number number) {
      return number.doubleValue();
    }
    if (cell instanceof String text) {
      try {
        return Double.parseDouble(text);
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
    return Double.NaN;
  }

  /** Every cell of the row that holds a value, by column name, JSON-ready. */
  static Map<String, Object> cells(Table table, List<Object> row) {
    Map<String, Object> cells = new LinkedHashMap<>();
    for (int i = 0; i < table.columns().size(); i++) {
      if (row.get(i) != null) {
        cells.put(table.columns().get(i).name(), row.get(i));
      }
    }
    return cells;
  }
}
