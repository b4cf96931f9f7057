package dev.corral.query.eval;

import dev.corral.model.FieldNames;
import dev.corral.model.LogEvent;
import dev.corral.query.table.Column;
import dev.corral.query.table.ColumnType;
import dev.corral.query.table.Table;
import dev.corral.query.table.WhereComparison;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code | fields a, b} without an aggregation: one row per event (in event order), one column per
 * name, as typed. Column types follow the values seen: {@code timestamp} is TIMESTAMP; a column
 * whose values are all longs is LONG, all numbers DOUBLE (longs widened), anything else (or
 * nothing at all) STRING, with numbers in canonical text and booleans as {@code true}/{@code
 * false}. A missing field is a null cell.
 */
final class EventTable {
  private EventTable() {}

  static Table of(List<LogEvent> events, List<String> names) {
    List<Column> columns = new ArrayList<>(names.size());
    List<List<Object>> cells = new ArrayList<>(names.size());
    for (String name : names) {
      List<Object> values = new ArrayList<>(events.size());
      for (LogEvent event : events) {
        values.add(FieldValues.raw(event, name));
      }
      ColumnType type = ReservedFields.resolve(name).equals(FieldNames.TIMESTAMP) ? ColumnType.TIMESTAMP : typeOf(values);
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
    return new Table(columns, rows, false, false);
  }

  private static ColumnType typeOf(List<Object> values) {
    boolean any = false;
    boolean allLong = true;
    boolean allNumber = true;
    for (Object value : values) {
      if (value != null) {
        any = true;
        allLong &= value instanceof Long;
        allNumber &= value instanceof Number;
      }
    }
    return !any ? ColumnType.STRING : allLong ? ColumnType.LONG : allNumber ? ColumnType.DOUBLE : ColumnType.STRING;
  }

  private static List<Object> convert(List<Object> values, ColumnType type) {
    List<Object> converted = new ArrayList<>(values.size());
    for (Object value : values) {
      converted.add(value == null ? null : switch (type) {
        case TIMESTAMP, LONG -> value;
        case DOUBLE -> ((Number) value).doubleValue();
        case STRING -> WhereComparison.text(value);
      });
    }
    return converted;
  }
}
