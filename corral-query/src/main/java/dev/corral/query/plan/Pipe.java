package dev.corral.query.plan;

/** One stage after the filter. */
public sealed interface Pipe permits StatsPipe, TimechartPipe, TopPipe, SortPipe, HeadPipe, FieldsPipe, WherePipe,
    ExtractPipe {
  /** Whether this pipe turns events into a table of groups. */
  default boolean aggregates() {
    return false;
  }
}
