package dev.corral.store.exec;

import dev.corral.query.plan.Pipe;
import dev.corral.query.table.Table;
import dev.corral.query.table.TableOps;
import java.util.List;

/**
 * The pipes after the aggregating pipe, applied to its table with the shared {@link TableOps}
 * (so the store and the in-memory evaluator shape tables identically), then the row cap.
 * Stateless.
 */
final class TablePipes {
  private TablePipes() {}

  static Table apply(Table table, List<Pipe> pipes, int maxRows) {
    Table result = table;
    for (Pipe pipe : pipes) {
      result = TableOps.apply(result, pipe);
    }
    return TableOps.limitRows(result, maxRows);
  }
}
