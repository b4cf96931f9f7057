package dev.corral.query.eval;

import dev.corral.model.FieldNames;
import dev.corral.model.LogEvent;
import dev.corral.query.plan.HeadPipe;
import dev.corral.query.plan.Pipe;
import dev.corral.query.plan.SortKey;
import dev.corral.query.plan.SortPipe;
import dev.corral.query.plan.WherePipe;
import dev.corral.query.resolve.FullTextRefusal;
import dev.corral.query.resolve.VisibleFields;
import dev.corral.query.table.ColumnType;
import dev.corral.query.table.ValueOrder;
import dev.corral.query.table.WhereComparison;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The pipes that act on events before any table exists: {@code sort}, {@code head}, {@code
 * where}. Pure functions from an event list to a new one. Values are read as the store indexes
 * them ({@link FieldValues#aggregated}: a string over the keyword limit is missing, as it has no
 * term or doc value); fields hidden by an earlier {@code fields} read as missing.
 */
final class EventStage {
  private static final Comparator<LogEvent> NEWEST_FIRST = Comparator.comparingLong(LogEvent::timestamp).reversed();

  private EventStage() {}

  /** @param maxKeywordBytes the store's keyword limit: longer strings read as missing */
  static List<LogEvent> apply(List<LogEvent> events, Pipe pipe, VisibleFields visible, int maxKeywordBytes) {
    return switch (pipe) {
      case SortPipe sort -> sort(events, sort.keys(), visible, maxKeywordBytes);
      case HeadPipe head -> events.size() <= head.count() ? events : events.subList(0, head.count());
      case WherePipe where -> where(events, where, visible, maxKeywordBytes);
      default -> throw new IllegalArgumentException(pipe.getClass().getSimpleName()
          + " cannot come before the aggregating pipe");
    };
  }

  /**
   * Sort by the keys, the first primary, then newest first: an earlier sort's order does not carry
   * over, as in the store, where the last sort sets the order. Values by {@link ValueOrder} ({@code
   * level} is its name, so it sorts as text, as the store's keyword does), nulls last. Hidden keys
   * order nothing. Stable, so events with equal timestamps and keys keep their order.
   *
   * @throws IllegalArgumentException for a visible full-text key ({@link FullTextRefusal})
   */
  static List<LogEvent> sort(List<LogEvent> events, List<SortKey> keys, VisibleFields visible, int maxKeywordBytes) {
    Comparator<LogEvent> order = (a, b) -> 0;
    for (SortKey key : keys) {
      if (!visible.isVisible(key.name())) {
        continue;
      }
      FullTextRefusal.checkSort(key.name());
      Comparator<Object> values = ValueOrder.nullsLast(key.descending());
      order = order.thenComparing(e -> FieldValues.aggregated(e, key.name(), maxKeywordBytes), values);
    }
    List<LogEvent> sorted = new ArrayList<>(events);
    sorted.sort(order.thenComparing(NEWEST_FIRST));
    return sorted;
  }

  /**
   * The events whose value compares true ({@link WhereComparison}); none when the field is hidden.
   *
   * @throws IllegalArgumentException for a visible full-text field ({@link FullTextRefusal})
   */
  static List<LogEvent> where(List<LogEvent> events, WherePipe where, VisibleFields visible, int maxKeywordBytes) {
    if (!visible.isVisible(where.column())) {
      return List.of();
    }
    FullTextRefusal.checkWhere(where.column(), where.value());
    boolean timestamp = ReservedFields.resolve(where.column()).equals(FieldNames.TIMESTAMP);
    List<LogEvent> kept = new ArrayList<>();
    for (LogEvent event : events) {
      Object value = FieldValues.aggregated(event, where.column(), maxKeywordBytes);
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
