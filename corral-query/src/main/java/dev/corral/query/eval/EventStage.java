package dev.corral.query.eval;

import dev.corral.model.FieldNames;
import dev.corral.model.LogEvent;
import dev.corral.query.plan.HeadPipe;
import dev.corral.query.plan.Pipe;
import dev.corral.query.plan.SortKey;
import dev.corral.query.plan.SortPipe;
import dev.corral.query.plan.WherePipe;
import dev.corral.query.table.ColumnType;
import dev.corral.query.table.ValueOrder;
import dev.corral.query.table.WhereComparison;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The pipes that act on events before any table exists: {@code sort}, {@code head}, {@code
 * where}. Pure functions from an event list to a new one.
 */
final class EventStage {
  private EventStage() {}

  static List<LogEvent> apply(List<LogEvent> events, Pipe pipe) {
    return switch (pipe) {
      case SortPipe sort -> sort(events, sort.keys());
      case HeadPipe head -> events.size() <= head.count() ? events : events.subList(0, head.count());
      case WherePipe where -> where(events, where);
      default -> throw new IllegalArgumentException(pipe.getClass().getSimpleName()
          + " cannot come before the aggregating pipe");
    };
  }

  /** Stable sort by the keys, the first primary; values by {@link ValueOrder}, level by severity, nulls last. */
  static List<LogEvent> sort(List<LogEvent> events, List<SortKey> keys) {
    Comparator<LogEvent> order = null;
    for (SortKey key : keys) {
      Comparator<Object> values = ValueOrder.nullsLast(key.descending());
      Comparator<LogEvent> byKey = Comparator.comparing(e -> sortValue(e, key.name()), values);
      order = order == null ? byKey : order.thenComparing(byKey);
    }
    List<LogEvent> sorted = new ArrayList<>(events);
    sorted.sort(order);
    return sorted;
  }

  private static Object sortValue(LogEvent event, String name) {
    if (ReservedFields.resolve(name).equals(FieldNames.LEVEL)) {
      return (long) event.level().ordinal();
    }
    return FieldValues.raw(event, name);
  }

  static List<LogEvent> where(List<LogEvent> events, WherePipe where) {
    boolean timestamp = ReservedFields.resolve(where.column()).equals(FieldNames.TIMESTAMP);
    List<LogEvent> kept = new ArrayList<>();
    for (LogEvent event : events) {
      Object value = FieldValues.raw(event, where.column());
      ColumnType type = timestamp ? ColumnType.TIMESTAMP
          : value instanceof Long ? ColumnType.LONG
          : value instanceof Double ? ColumnType.DOUBLE
          : ColumnType.STRING;
      if (WhereComparison.matches(value, type, where.op(), where.value())) {
        kept.add(event);
      }
    }
    return kept;
  }
}
