package dev.corral.store.exec;

import dev.corral.model.CanonicalJson;
import dev.corral.model.LogEvent;
import dev.corral.query.eval.EvaluationContext;
import dev.corral.query.eval.EvaluationResult;
import dev.corral.query.eval.PlanEvaluator;
import dev.corral.query.plan.EvalPipe;
import dev.corral.query.plan.ExtractPipe;
import dev.corral.query.plan.FieldsPipe;
import dev.corral.query.plan.WhereExpressionPipe;
import dev.corral.query.plan.Pipe;
import dev.corral.query.resolve.EventSteps;
import dev.corral.store.search.QueryRequest;
import dev.corral.store.search.StoredEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.search.Query;

/**
 * Runs a plan with an event-stage pipe that needs whole events ({@link
 * dev.corral.query.plan.Pipe#readsEvents}): an extraction ({@code json}, {@code logfmt}, {@code
 * kv}, {@code parse}), an {@code eval} or a {@code where} expression. Their fields and values are
 * in no index, so the store
 *
 * <ol>
 *   <li>runs the pipes before the first extraction from its index ({@link EventStage}: where
 *       clauses, sort order, pinned heads), as for any plan;
 *   <li>counts the selected events and refuses more than {@link #MAX_EXTRACTED_EVENTS};
 *   <li>reads the source of every selected event, in the selection's order, refusing once the
 *       sources pass the query's memory limit ({@link dev.corral.store.search.QueryLimits#maxMemoryBytes},
 *       counted twice: the bytes and the parsed event);
 *   <li>hands those events and the remaining pipes to {@link PlanEvaluator#evaluatePipes}, so the
 *       extraction and every pipe after it mean exactly what they mean in the evaluator.
 * </ol>
 *
 * The cost is one stored-source read and one parse per selected event, whatever the limit; the
 * query's deadline is checked every few hundred events, so a slow pattern times out like any
 * other query. Stateless.
 */
final class ExtractionStage {
  /**
   * Most events an extraction, event-stage eval or where expression reads per query: their sources
   * are held in memory (~1 KB each), so
   * 100k is about 100 MB at most, and a filter narrows anything larger.
   */
  static final int MAX_EXTRACTED_EVENTS = 100_000;

  private ExtractionStage() {}

  /** How a pipe that reads events' sources is named in a refusal. */
  private static String pipeName(Pipe pipe) {
    return switch (pipe) {
      case ExtractPipe extract -> extract.format().pipeName();
      case EvalPipe eval -> "eval";
      case WhereExpressionPipe where -> "where";
      default -> throw new IllegalStateException("BUG: " + pipe + " reads no sources");
    };
  }

  /**
   * @param queries the filter within the time window, one per partition
   * @param extraction index of the first pipe that reads whole events
   */
  static EvaluationResult run(List<PartitionSearch> searches, List<Query> queries, QueryRequest request,
      int extraction, int maxKeywordBytes, QueryDeadline deadline) throws IOException {
    List<Pipe> pipes = request.plan().pipes();
    EventSelection selection = EventStage.select(searches, queries, EventSteps.resolve(pipes.subList(0, extraction),
        true));
    long selected = 0;
    for (int p = 0; p < searches.size(); p++) {
      selected += searches.get(p).count(selection.queries().get(p));
    }
    if (selected > MAX_EXTRACTED_EVENTS) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "'%s' would read %,d events; such a pipe reads at most %,d per query: narrow the filter or the time window",
          pipeName(pipes.get(extraction)), selected, MAX_EXTRACTED_EVENTS));
    }
    List<EventHit> hits = EventFetcher.top(searches, selection.queries(), selection.order(), (int) selected);
    List<StoredEvent> stored = EventFetcher.load(searches, hits, deadline);
    List<LogEvent> events = new ArrayList<>(stored.size());
    long bytes = 0;
    for (StoredEvent event : stored) {
      bytes += 2L * event.source().length;
      if (bytes > request.limits().maxMemoryBytes()) {
        throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
            "'%s' would hold more than the query memory limit of %,d bytes of events (%,d events read of %,d): "
                + "narrow the filter or the time window", pipeName(pipes.get(extraction)),
            request.limits().maxMemoryBytes(), events.size(), selected));
      }
      events.add(CanonicalJson.read(event.source(), 0, event.source().length));
    }
    deadline.check();
    return PlanEvaluator.evaluatePipes(events, remaining(pipes, extraction), context(request, maxKeywordBytes),
        deadline::check);
  }

  /**
   * The pipes the evaluator runs: from the first one that reads whole events on, after the {@code
   * fields} pipes before it (the index applied those pipes' where, sort and head; the fields they
   * leave visible must still hold for the later pipes, and make the result a table).
   */
  private static List<Pipe> remaining(List<Pipe> pipes, int first) {
    List<Pipe> remaining = new ArrayList<>();
    for (Pipe pipe : pipes.subList(0, first)) {
      if (pipe instanceof FieldsPipe) {
        remaining.add(pipe);
      }
    }
    remaining.addAll(pipes.subList(first, pipes.size()));
    return remaining;
  }

  /** The request as the evaluator reads it: its window's upper bound is exclusive, the store's inclusive. */
  private static EvaluationContext context(QueryRequest request, int maxKeywordBytes) {
    Instant from = request.fromNanos() == Long.MIN_VALUE ? null : instant(request.fromNanos());
    Instant to = request.toNanos() == Long.MAX_VALUE ? null : instant(request.toNanos() + 1);
    return new EvaluationContext(request.now(), from, to, request.limit(), request.limits().maxGroups(),
        request.limits().maxRows(), maxKeywordBytes);
  }

  private static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }

  /** The result's events as the store returns them: their canonical JSON, extracted fields included. */
  static List<StoredEvent> stored(List<LogEvent> events) {
    List<StoredEvent> stored = new ArrayList<>(events.size());
    for (LogEvent event : events) {
      stored.add(new StoredEvent(event.timestamp(), CanonicalJson.toBytes(event)));
    }
    return stored;
  }
}
