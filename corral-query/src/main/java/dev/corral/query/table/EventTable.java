package dev.corral.query.table;

import dev.corral.model.FieldNames;
import dev.corral.model.LogEvent;
import dev.corral.query.resolve.VisibleFields;
import java.util.ArrayList;
import java.util.List;

/**
 * The table of events after {@code | fields a, b} without an aggregation, for both back ends (the
 * store reads the events from their stored sources): one row per event (in event order), one
 * column per name of the last {@code fields}, as typed; a field hidden by an earlier {@code
 * fields} is null in every row. Values are as the event holds them. Column types follow the
 * values seen: {@code timestamp} is TIMESTAMP; all values whole numbers (longs,
 * or doubles without a fraction within ±2<sup>53</sup>) LONG; all numbers DOUBLE; anything else
 * (or nothing at all) STRING, with numbers in canonical text and booleans as {@code true}/{@code
 * false}. A missing field is a null cell.
 */
public final class EventTable {
  private EventTable() {}

  /** @param visible the fields the {@code | fields} pipes left, and the columns of the last one */
  public static Table of(List<LogEvent> events, VisibleFields visible, boolean truncated) {
    List<String> names = visible.columns();
    List<Column> columns = new ArrayList<>(names.size());
    List<List<Object>> cells = new ArrayList<>(names.size());
    for (String name : names) {
      String field = FieldNames.canonical(name);
      boolean shown = visible.isVisible(name);
      List<Object> values = new ArrayList<>(events.size());
      for (LogEvent event : events) {
        values.add(shown ? event.get(field) : null);
      }
      ColumnType type = field.equals(FieldNames.TIMESTAMP) ? ColumnType.TIMESTAMP : ColumnTypes.of(values);
      columns.add(new Column(name, type));
      cells.add(convert(values, type));
    }
    List<List<Object>> rows = new ArrayList<>(events.size());
    for (int r = 0; r < events.size(); r++) {
      List<Object> row = new ArrayList<>(names.size());
      for (List<Object> column : cells) {
        row.add(column.get(r));
      }
      rows.add(row);
    }
    return new Table(columns, rows, truncated, false);
  }

  private static List<Object> convert(List<Object> values, ColumnType type) {
    List<Object> converted = new ArrayList<>(values.size());
    for (Object value : values) {
      converted.add(ColumnTypes.cell(value, type));
    }
    return converted;
  }
}
