package dev.corral.store.exec;

import dev.corral.model.CanonicalJson;
import dev.corral.model.LogEvent;
import dev.corral.query.table.NumberText;
import dev.corral.query.table.Column;
import dev.corral.query.table.ColumnType;
import dev.corral.query.table.ColumnTypes;
import dev.corral.query.table.Table;
import dev.corral.store.search.StoredEvent;
import dev.corral.store.index.FieldMapping;
import java.util.ArrayList;
import java.util.List;

/**
 * The table of events after {@code | fields a, b}: one row per event (in result order), one column
 * per name, values from the stored source. A column's type follows its values: {@code timestamp}
 * is TIMESTAMP; all values whole numbers (longs, or doubles with no fraction within ±2^53) is LONG;
 * all numbers is DOUBLE; anything else (or no value at all) is STRING, numbers then written as
 * their canonical text ({@link NumberText}; a long's digits) and booleans as {@code true}/{@code
 * false}. Missing values are null. Stateless.
 */
final class FieldsTable {

  private FieldsTable() {}

  static Table build(List<StoredEvent> events, FieldVisibility visibility, boolean truncated) {
    List<String> names = visibility.columns();
    List<LogEvent> parsed = new ArrayList<>(events.size());
    for (StoredEvent event : events) {
      parsed.add(CanonicalJson.read(event.source(), 0, event.source().length));
    }
    List<Column> columns = new ArrayList<>(names.size());
    List<List<Object>> rows = new ArrayList<>(parsed.size());
    for (int r = 0; r < parsed.size(); r++) {
      rows.add(new ArrayList<>(names.size()));
    }
    for (String name : names) {
      String field = FieldMapping.resolve(name);
      boolean visible = visibility.isVisible(name);
      List<Object> values = new ArrayList<>(parsed.size());
      for (LogEvent event : parsed) {
        values.add(visible ? event.get(field) : null);
      }
      ColumnType type = field.equals(FieldMapping.TIMESTAMP) ? ColumnType.TIMESTAMP : ColumnTypes.of(values);
      columns.add(new Column(name, type));
      for (int r = 0; r < values.size(); r++) {
        rows.get(r).add(ColumnTypes.cell(values.get(r), type));
      }
    }
    return new Table(columns, rows, truncated, false);
  }
}
