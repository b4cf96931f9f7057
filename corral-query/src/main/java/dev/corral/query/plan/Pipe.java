package dev.corral.query.plan;

/** One stage after the filter. */
public sealed interface Pipe permits StatsPipe, TimechartPipe, TopPipe, SortPipe, HeadPipe, FieldsPipe, WherePipe,
    WhereExpressionPipe, EvalPipe, ExtractPipe {
  /** Whether this pipe turns events into a table of groups. */
  default boolean aggregates() {
    return false;
  }

  /**
   * Whether this pipe, before the aggregating pipe, needs each event's whole value in memory
   * rather than its index: extraction, {@code eval} and a {@code where} expression. A back end
   * reads the source of every event reaching it.
   */
  default boolean readsEvents() {
    return this instanceof ExtractPipe || this instanceof EvalPipe || this instanceof WhereExpressionPipe;
  }
}
