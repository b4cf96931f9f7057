package dev.corral.query.table;

import dev.corral.query.NearestName;
import dev.corral.query.plan.EvalPipe;
import dev.corral.query.plan.FieldsPipe;
import dev.corral.query.plan.HeadPipe;
import dev.corral.query.plan.Pipe;
import dev.corral.query.plan.SortKey;
import dev.corral.query.plan.SortPipe;
import dev.corral.query.plan.WhereExpressionPipe;
import dev.corral.query.plan.WherePipe;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The table-stage pipes ({@code sort}, {@code head}, {@code fields}, {@code where}, {@code eval}; the
 * expressions through {@link TableExpressions}) as pure
 * functions from a {@link Table} to a new one; the store and the in-memory evaluator both use
 * them, so tables come out identical. Stateless and thread-safe.
 *
 * <p>The "other" row ({@link Table#otherRow()}) stays last through {@code sort} and is kept by
 * {@code fields}; {@code head} and {@code where} may drop it, and then the flag turns false.
 * Unknown columns throw {@link IllegalArgumentException} naming the column and the nearest one.
 */
public final class TableOps {
  private TableOps() {}

  /** Applies one table-stage pipe. */
  public static Table apply(Table table, Pipe pipe) {
    return switch (pipe) {
      case SortPipe sort -> sort(table, sort.keys());
      case HeadPipe head -> head(table, head.count());
      case FieldsPipe fields -> fields(table, fields.names());
      case WherePipe where -> where(table, where);
      case WhereExpressionPipe where -> TableExpressions.where(table, where);
      case EvalPipe eval -> TableExpressions.eval(table, eval);
      default -> throw new IllegalArgumentException(pipe.getClass().getSimpleName()
          + " cannot follow another aggregation: only one of stats, timechart and top per query");
    };
  }

  /**
   * Rows ordered by the keys (the first key is primary), each by {@link ValueOrder} with nulls
   * last in both directions; stable, so equal rows keep their order.
   */
  public static Table sort(Table table, List<SortKey> keys) {
    Comparator<List<Object>> order = null;
    for (SortKey key : keys) {
      int column = columnIndex(table, key.name());
      Comparator<Object> values = ValueOrder.nullsLast(key.descending());
      Comparator<List<Object>> byKey = Comparator.comparing(row -> row.get(column), values);
      order = order == null ? byKey : order.thenComparing(byKey);
    }
    List<List<Object>> rows = new ArrayList<>(table.rows());
    List<Object> other = table.otherRow() && !rows.isEmpty() ? rows.remove(rows.size() - 1) : null;
    if (order != null) {
      rows.sort(order);
    }
    if (other != null) {
      rows.add(other);
    }
    return new Table(table.columns(), rows, table.truncated(), table.otherRow());
  }

  /** The first {@code count} rows. */
  public static Table head(Table table, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("head count must be >= 0, got " + count);
    }
    if (count >= table.rows().size()) {
      return table;
    }
    return new Table(table.columns(), table.rows().subList(0, count), table.truncated(), false);
  }

  /** Only the named columns, in the order named. */
  public static Table fields(Table table, List<String> names) {
    int[] indexes = new int[names.size()];
    List<Column> columns = new ArrayList<>(names.size());
    for (int i = 0; i < indexes.length; i++) {
      indexes[i] = columnIndex(table, names.get(i));
      columns.add(table.columns().get(indexes[i]));
    }
    List<List<Object>> rows = new ArrayList<>(table.rows().size());
    for (List<Object> row : table.rows()) {
      List<Object> kept = new ArrayList<>(indexes.length);
      for (int index : indexes) {
        kept.add(row.get(index));
      }
      rows.add(kept);
    }
    return new Table(columns, rows, table.truncated(), table.otherRow());
  }

  /** The rows whose cell in the column compares true, by {@link WhereComparison}. */
  public static Table where(Table table, WherePipe where) {
    int column = columnIndex(table, where.column());
    ColumnType type = table.columns().get(column).type();
    List<List<Object>> rows = new ArrayList<>();
    for (List<Object> row : table.rows()) {
      if (WhereComparison.matches(row.get(column), type, where.op(), where.value())) {
        rows.add(row);
      }
    }
    boolean otherKept = table.otherRow() && !rows.isEmpty() && !table.rows().isEmpty()
        && rows.get(rows.size() - 1) == table.rows().get(table.rows().size() - 1);
    return new Table(table.columns(), rows, table.truncated(), otherKept);
  }

  /** The table stage: {@code pipes} in order, then {@link #limitRows}. */
  public static Table applyAll(Table table, List<Pipe> pipes, int maxRows) {
    Table result = table;
    for (Pipe pipe : pipes) {
      result = apply(result, pipe);
    }
    return limitRows(result, maxRows);
  }

  /** At most {@code maxRows} rows; cutting rows marks the table truncated. */
  public static Table limitRows(Table table, int maxRows) {
    if (table.rows().size() <= maxRows) {
      return table;
    }
    return new Table(table.columns(), table.rows().subList(0, maxRows), true, false);
  }

  /** The index of a column, or an exception naming it, the nearest column and all columns. */
  public static int columnIndex(Table table, String name) {
    int index = table.columnIndex(name);
    if (index < 0) {
      List<String> names = table.columns().stream().map(Column::name).toList();
      throw new IllegalArgumentException("unknown column '" + name + "'" + NearestName.hint(name, names)
          + "; the columns are " + String.join(", ", names));
    }
    return index;
  }
}
