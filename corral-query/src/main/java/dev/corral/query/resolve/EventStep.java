package dev.corral.query.resolve;

import dev.corral.query.expr.Expr;
import dev.corral.query.extract.Extraction;
import dev.corral.query.plan.EvalPipe;
import dev.corral.query.plan.CompareOp;
import dev.corral.query.plan.SortKey;
import java.util.List;
import java.util.Objects;

/**
 * One step of the event stage after {@link EventSteps#resolve}: keep the events a {@code where}
 * accepts, order them, keep the first N, or add the fields an extraction pipe reads out of them. Back ends apply the steps in order.
 */
public sealed interface EventStep permits EventStep.Where, EventStep.Sort, EventStep.Head,
    EventStep.Extract, EventStep.Eval, EventStep.Condition {
  /**
   * Keep the events whose value of {@code field} compares true with {@code value}, by the rules of
   * {@code WhereComparison} (a missing value never matches). {@code field} is null when an
   * earlier {@code | fields} hid it: then no event is kept.
   */
  record Where(TypedField field, CompareOp op, WhereValue value) implements EventStep {
    public Where {
      Objects.requireNonNull(op, "op");
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * Order by these keys, the first primary, then newest first. The order of an earlier sort does
   * not carry over. Keys on hidden fields are left out (they order nothing); none is full text.
   */
  record Sort(List<SortKey> keys) implements EventStep {
    public Sort {
      keys = List.copyOf(keys);
    }
  }

  /** Keep the first {@code count} events of the current order, for the steps after it. */
  record Head(int count) implements EventStep {}

  /**
   * Replace every event by {@link Extraction#apply}: the same events in the same order, with the
   * extracted fields. Reads the source of every event, so no index serves it.
   */
  record Extract(Extraction extraction) implements EventStep {
    public Extract {
      Objects.requireNonNull(extraction, "extraction");
    }
  }

  /**
   * Add to every event, in order, the value of each assignment ({@code ExpressionValues}), names
   * read as the store indexes them and as typed; the target is the canonical name (never {@code
   * timestamp}, {@code level} or {@code message}: the parser refuses them); a null value removes
   * the field. Reads every event's values, so no index serves it.
   */
  record Eval(List<EvalPipe.Assignment> assignments) implements EventStep {
    public Eval {
      assignments = List.copyOf(assignments);
    }
  }

  /**
   * Keep the events for which {@code condition} holds ({@code ExpressionValues#holds}); names that
   * an earlier {@code | fields} hid read as missing. Reads every event's values.
   */
  record Condition(Expr condition, VisibleFields visible) implements EventStep {
    public Condition {
      Objects.requireNonNull(condition, "condition");
      Objects.requireNonNull(visible, "visible");
    }
  }
}
