package dev.corral.query.resolve;

import dev.corral.query.plan.EvalPipe;
import dev.corral.query.plan.ExtractPipe;
import dev.corral.query.plan.WhereExpressionPipe;
import dev.corral.query.plan.FieldsPipe;
import dev.corral.query.plan.HeadPipe;
import dev.corral.query.plan.Pipe;
import dev.corral.query.plan.SortKey;
import dev.corral.query.plan.SortPipe;
import dev.corral.query.plan.WherePipe;
import java.util.ArrayList;
import java.util.List;

/**
 * The event stage of a plan — the pipes before the aggregating pipe, or all pipes without one —
 * resolved once for every back end:
 *
 * <ul>
 *   <li>{@code fields} narrows the visible fields ({@link VisibleFields}); a later {@code where}
 *       on a hidden field keeps nothing, a sort key on one orders nothing.
 *   <li>{@code where} and {@code sort} on a visible full-text field are refused ({@link
 *       FullTextRefusal}), before any event is read.
 *   <li>An extraction pipe ({@code json}, {@code logfmt}, {@code kv}, {@code parse}) becomes an
 *       {@link EventStep.Extract} step; the parser keeps it before the aggregation and any
 *       {@code fields}. An {@code eval} becomes {@link EventStep.Eval} (the parser keeps it before
 *       any {@code fields} too), a {@code where} expression {@link EventStep.Condition}.
 *   <li>Consecutive heads keep the smallest count. A head followed by a {@code where}, a {@code
 *       sort}, an extraction or the aggregation keeps its events for them ({@link EventStep.Head}); the heads
 *       after the last {@code where} or {@code sort} only cap the result ({@link #limit}), so the
 *       total counts the events before them.
 * </ul>
 *
 * @param steps where, sort and pinning head steps, in order
 * @param visible the fields the {@code fields} pipes leave
 * @param limit the trailing heads' count, {@link Integer#MAX_VALUE} without one
 */
public record EventSteps(List<EventStep> steps, VisibleFields visible, int limit) {
  public EventSteps {
    steps = List.copyOf(steps);
  }

  /**
   * @param pipes the event-stage pipes
   * @param aggregationFollows whether an aggregating pipe comes next (so a last head keeps its
   *     events for it rather than capping the result)
   * @throws IllegalArgumentException for a full-text field in a {@code where} or {@code sort}, or
   *     a pipe that does not act on events
   */
  public static EventSteps resolve(List<Pipe> pipes, boolean aggregationFollows) {
    List<EventStep> steps = new ArrayList<>();
    VisibleFields visible = VisibleFields.ALL;
    int head = Integer.MAX_VALUE;
    for (Pipe pipe : pipes) {
      switch (pipe) {
        case WherePipe where -> {
          head = keep(steps, head);
          steps.add(where(where, visible));
        }
        case SortPipe sort -> {
          head = keep(steps, head);
          steps.add(sort(sort, visible));
        }
        case HeadPipe h -> head = Math.min(head, h.count());
        case FieldsPipe fields -> visible = visible.project(fields.names());
        case ExtractPipe extract -> {
          head = keep(steps, head);
          steps.add(new EventStep.Extract(extract.compile()));
        }
        case EvalPipe eval -> {
          head = keep(steps, head);
          steps.add(new EventStep.Eval(eval.assignments()));
        }
        case WhereExpressionPipe where -> {
          head = keep(steps, head);
          steps.add(new EventStep.Condition(where.condition(), visible));
        }
        default -> throw new IllegalArgumentException(pipe.getClass().getSimpleName()
            + " cannot come before the aggregating pipe");
      }
    }
    if (aggregationFollows) {
      head = keep(steps, head);
    }
    return new EventSteps(steps, visible, head);
  }

  /** Adds the pending head as a step; returns "no head pending". */
  private static int keep(List<EventStep> steps, int head) {
    if (head != Integer.MAX_VALUE) {
      steps.add(new EventStep.Head(head));
    }
    return Integer.MAX_VALUE;
  }

  private static EventStep where(WherePipe where, VisibleFields visible) {
    if (!visible.isVisible(where.column())) {
      return new EventStep.Where(null, where.op(), WhereValue.of(where.value()));
    }
    FullTextRefusal.checkWhere(where.column(), where.value());
    return new EventStep.Where(TypedField.of(where.column()), where.op(), WhereValue.of(where.value()));
  }

  private static EventStep sort(SortPipe sort, VisibleFields visible) {
    List<SortKey> keys = new ArrayList<>();
    for (SortKey key : sort.keys()) {
      if (visible.isVisible(key.name())) {
        FullTextRefusal.checkSort(key.name());
        keys.add(key);
      }
    }
    return new EventStep.Sort(keys);
  }
}
