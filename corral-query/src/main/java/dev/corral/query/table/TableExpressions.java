package dev.corral.query.table;

import dev.corral.query.expr.Expr;
import dev.corral.query.expr.FieldNamesRead;
import dev.corral.query.plan.EvalPipe;
import dev.corral.query.plan.WhereExpressionPipe;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code | eval} and {@code | where expr} on a table, for both back ends ({@link TableOps} calls
 * them). Names are column names, exactly; an unknown one fails before any row is read, naming the
 * nearest column. Stateless and thread-safe.
 *
 * <p>A column made by {@code eval} is appended, or replaces the column of that name in its place.
 * Its type comes from its values: LONG when every non-null value is a Long, DOUBLE when every one
 * is a number (arithmetic always gives a Double), STRING otherwise (cells then hold the text of
 * each value, a boolean as {@code true}/{@code false}); with no value at all, DOUBLE for
 * arithmetic and STRING for anything else.
 */
final class TableExpressions {
  private TableExpressions() {}

  static Table eval(Table table, EvalPipe eval) {
    Table current = table;
    for (EvalPipe.Assignment assignment : eval.assignments()) {
      current = assign(current, assignment);
    }
    return current;
  }

  static Table where(Table table, WhereExpressionPipe where) {
    Map<String, Integer> columns = columnsRead(table, where.condition());
    List<List<Object>> rows = new ArrayList<>();
    for (List<Object> row : table.rows()) {
      if (ExpressionValues.holds(ExpressionValues.evaluate(where.condition(), name -> row.get(columns.get(name))))) {
        rows.add(row);
      }
    }
    boolean otherKept = table.otherRow() && !rows.isEmpty()
        && rows.get(rows.size() - 1) == table.rows().get(table.rows().size() - 1);
    return new Table(table.columns(), rows, table.truncated(), otherKept);
  }

  private static Table assign(Table table, EvalPipe.Assignment assignment) {
    Map<String, Integer> columns = columnsRead(table, assignment.expr());
    List<Object> values = new ArrayList<>(table.rows().size());
    for (List<Object> row : table.rows()) {
      values.add(ExpressionValues.evaluate(assignment.expr(), name -> row.get(columns.get(name))));
    }
    ColumnType type = typeOf(values, assignment.expr());
    int target = table.columnIndex(assignment.name());
    List<Column> newColumns = new ArrayList<>(table.columns());
    Column column = new Column(assignment.name(), type);
    if (target < 0) {
      newColumns.add(column);
    } else {
      newColumns.set(target, column);
    }
    List<List<Object>> rows = new ArrayList<>(table.rows().size());
    for (int r = 0; r < table.rows().size(); r++) {
      List<Object> row = new ArrayList<>(table.rows().get(r));
      Object cell = cell(values.get(r), type);
      if (target < 0) {
        row.add(cell);
      } else {
        row.set(target, cell);
      }
      rows.add(row);
    }
    return new Table(newColumns, rows, table.truncated(), table.otherRow());
  }

  /** The index of every column the expression reads, by name; unknown names fail here. */
  private static Map<String, Integer> columnsRead(Table table, Expr expr) {
    Set<String> names = new LinkedHashSet<>();
    FieldNamesRead.collect(expr, names);
    Map<String, Integer> columns = new HashMap<>();
    for (String name : names) {
      columns.put(name, TableOps.columnIndex(table, name));
    }
    return columns;
  }

  private static ColumnType typeOf(List<Object> values, Expr expr) {
    boolean any = false;
    boolean allLong = true;
    for (Object value : values) {
      if (value == null) {
        continue;
      }
      any = true;
      if (!(value instanceof Number)) {
        return ColumnType.STRING;
      }
      allLong &= value instanceof Long;
    }
    if (!any) {
      return isArithmetic(expr) ? ColumnType.DOUBLE : ColumnType.STRING;
    }
    return allLong ? ColumnType.LONG : ColumnType.DOUBLE;
  }

  private static boolean isArithmetic(Expr expr) {
    return expr instanceof Expr.Negate || expr instanceof Expr.Binary binary && binary.op().isArithmetic();
  }

  private static Object cell(Object value, ColumnType type) {
    if (value == null) {
      return null;
    }
    return switch (type) {
      case LONG -> value;
      case DOUBLE -> ((Number) value).doubleValue();
      default -> ExpressionValues.text(value);
    };
  }
}
