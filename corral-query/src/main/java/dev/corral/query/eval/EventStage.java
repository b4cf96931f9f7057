package dev.corral.query.eval;

import dev.corral.model.LogEvent;
import dev.corral.query.plan.EvalPipe;
import dev.corral.query.plan.SortKey;
import dev.corral.query.resolve.EventStep;
import dev.corral.query.resolve.FieldKind;
import dev.corral.query.table.ColumnType;
import dev.corral.query.table.ExpressionValues;
import dev.corral.query.table.ValueOrder;
import dev.corral.query.table.WhereComparison;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Applies one {@link EventStep} (resolved by {@code EventSteps}, which decides visibility,
 * refusals and which heads keep events) to a list of events, as the store's {@code EventStage}
 * applies it to Lucene queries. Pure functions from an event list to a new one. Values are read
 * as the store indexes them ({@link FieldValues#aggregated}: a string over the keyword limit is
 * missing, as it has no term or doc value).
 */
final class EventStage {
  private static final Comparator<LogEvent> NEWEST_FIRST = Comparator.comparingLong(LogEvent::timestamp).reversed();

  private EventStage() {}

  /** Events extracted between two calls of the progress check: a check is cheap, a regex event is not. */
  private static final int EVENTS_PER_CHECK = 256;

  /**
   * @param maxKeywordBytes the store's keyword limit: longer strings read as missing
   * @param progress run every {@value #EVENTS_PER_CHECK} events of an extraction; may throw to
   *     cancel the query (a deadline)
   */
  static List<LogEvent> apply(List<LogEvent> events, EventStep step, int maxKeywordBytes, Runnable progress) {
    return switch (step) {
      case EventStep.Sort sort -> sort(events, sort, maxKeywordBytes);
      case EventStep.Head head -> events.size() <= head.count() ? events : events.subList(0, head.count());
      case EventStep.Where where -> where(events, where, maxKeywordBytes);
      case EventStep.Extract extract -> extract(events, extract, progress);
      case EventStep.Eval eval -> eval(events, eval, maxKeywordBytes, progress);
      case EventStep.Condition condition -> condition(events, condition, maxKeywordBytes, progress);
    };
  }

  private static List<LogEvent> eval(List<LogEvent> events, EventStep.Eval eval, int maxKeywordBytes,
      Runnable progress) {
    List<LogEvent> evaluated = new ArrayList<>(events.size());
    for (LogEvent event : events) {
      if (evaluated.size() % EVENTS_PER_CHECK == 0) {
        progress.run();
      }
      LogEvent current = event;
      for (EvalPipe.Assignment assignment : eval.assignments()) {
        LogEvent reading = current;
        Object value = ExpressionValues.evaluate(assignment.expr(),
            name -> FieldValues.aggregated(reading, name, maxKeywordBytes));
        current = EventFields.with(current, assignment.name(), value);
      }
      evaluated.add(current);
    }
    return evaluated;
  }

  private static List<LogEvent> condition(List<LogEvent> events, EventStep.Condition condition, int maxKeywordBytes,
      Runnable progress) {
    List<LogEvent> kept = new ArrayList<>();
    int read = 0;
    for (LogEvent event : events) {
      if (read++ % EVENTS_PER_CHECK == 0) {
        progress.run();
      }
      Object value = ExpressionValues.evaluate(condition.condition(), name -> condition.visible().isVisible(name)
          ? FieldValues.aggregated(event, name, maxKeywordBytes) : null);
      if (ExpressionValues.holds(value)) {
        kept.add(event);
      }
    }
    return kept;
  }

  private static List<LogEvent> extract(List<LogEvent> events, EventStep.Extract extract, Runnable progress) {
    List<LogEvent> extracted = new ArrayList<>(events.size());
    for (LogEvent event : events) {
      if (extracted.size() % EVENTS_PER_CHECK == 0) {
        progress.run();
      }
      extracted.add(extract.extraction().apply(event));
    }
    return extracted;
  }

  /**
   * Sort by the keys, then newest first. Values by {@link ValueOrder} ({@code level} is its name,
   * so it sorts as text, as the store's keyword does), nulls last. Stable, so events with equal
   * timestamps and keys keep their order.
   */
  private static List<LogEvent> sort(List<LogEvent> events, EventStep.Sort sort, int maxKeywordBytes) {
    Comparator<LogEvent> order = (a, b) -> 0;
    for (SortKey key : sort.keys()) {
      Comparator<Object> values = ValueOrder.nullsLast(key.descending());
      order = order.thenComparing(e -> FieldValues.aggregated(e, key.name(), maxKeywordBytes), values);
    }
    List<LogEvent> sorted = new ArrayList<>(events);
    sorted.sort(order.thenComparing(NEWEST_FIRST));
    return sorted;
  }

  /**
   * The events whose value compares true ({@link WhereComparison}), the column type taken from
   * each event's value; none when the field is hidden.
   */
  private static List<LogEvent> where(List<LogEvent> events, EventStep.Where where, int maxKeywordBytes) {
    if (where.field() == null) {
      return List.of();
    }
    String field = where.field().name();
    boolean timestamp = where.field().kind() == FieldKind.TIMESTAMP;
    List<LogEvent> kept = new ArrayList<>();
    for (LogEvent event : events) {
      Object value = FieldValues.aggregated(event, field, maxKeywordBytes);
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
