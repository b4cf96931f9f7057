package dev.corral.query.plan;

import dev.corral.query.ast.Query;
import java.util.List;
import java.util.Objects;

/**
 * A parsed query: the filter and the pipes that follow it, in order.
 *
 * <p>Execution model (shared by the store and the in-memory evaluator): pipes before the first
 * aggregating pipe ({@link StatsPipe}, {@link TimechartPipe}, {@link TopPipe}) act on events;
 * the aggregating pipe turns events into a table; pipes after it act on that table's columns.
 * A plan with no aggregating pipe and no {@link FieldsPipe} yields events; any other plan yields
 * a table. At most one aggregating pipe is allowed.
 */
public record QueryPlan(Query filter, List<Pipe> pipes) {
  public QueryPlan {
    Objects.requireNonNull(filter, "filter");
    pipes = List.copyOf(pipes);
  }

  /** A plan that is just a filter. */
  public static QueryPlan of(Query filter) {
    return new QueryPlan(filter, List.of());
  }

  /** Index of the aggregating pipe, or -1 when there is none. */
  public int aggregationIndex() {
    for (int i = 0; i < pipes.size(); i++) {
      if (pipes.get(i).aggregates()) {
        return i;
      }
    }
    return -1;
  }

  /**
   * How many pipes of the event stage read every matching event's source ({@link
   * Pipe#readsEvents}: extraction, {@code eval}, {@code where} expressions).
   */
  public int sourceReads() {
    int end = aggregationIndex() < 0 ? pipes.size() : aggregationIndex();
    return (int) pipes.subList(0, end).stream().filter(Pipe::readsEvents).count();
  }

  /** Index of the first event-stage pipe that reads events' sources ({@link Pipe#readsEvents}), or -1. */
  public int firstSourceRead() {
    int end = aggregationIndex() < 0 ? pipes.size() : aggregationIndex();
    for (int i = 0; i < end; i++) {
      if (pipes.get(i).readsEvents()) {
        return i;
      }
    }
    return -1;
  }

  /** Whether the result is a table rather than a list of events. */
  public boolean yieldsTable() {
    return aggregationIndex() >= 0 || pipes.stream().anyMatch(p -> p instanceof FieldsPipe);
  }
}
