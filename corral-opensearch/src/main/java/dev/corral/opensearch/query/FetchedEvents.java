package dev.corral.opensearch.query;

import dev.corral.model.CanonicalJson;
import dev.corral.model.LogEvent;
import dev.corral.query.plan.EvalPipe;
import dev.corral.query.plan.ExtractPipe;
import dev.corral.query.plan.FieldsPipe;
import dev.corral.query.plan.HeadPipe;
import dev.corral.query.plan.Pipe;
import dev.corral.query.plan.QueryPlan;
import dev.corral.query.plan.SortPipe;
import dev.corral.query.plan.StatsPipe;
import dev.corral.query.plan.TimechartPipe;
import dev.corral.query.plan.TopPipe;
import dev.corral.query.plan.WhereExpressionPipe;
import dev.corral.query.plan.WherePipe;
import dev.corral.store.search.StoredEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The events a search fetched, parsed, as the pipes that run in Corral read them: each re-checked
 * with Corral's own filter and time window ({@link ExactCheck}), newest first. Keeps
 * each event's source so that an event the pipes return unchanged goes back byte for byte. Not
 * thread-safe; one per query.
 */
final class FetchedEvents {
  private static final Comparator<LogEvent> NEWEST_FIRST = Comparator.comparingLong(LogEvent::timestamp).reversed();

  private final List<LogEvent> events;
  private final Map<LogEvent, byte[]> sources;

  private FetchedEvents(List<LogEvent> events, Map<LogEvent, byte[]> sources) {
    this.events = events;
    this.sources = sources;
  }

  /**
   * @param fetched the hits' sources, newest first
   * @param filter the query's filter compiled by corral-query
   * @param fromNanos the window's inclusive start
   * @param toNanos the window's inclusive end
   * @param maxMemoryBytes the request's memory bound: twice the sources' bytes must stay within it
   * @throws IllegalArgumentException when they do not
   */
  static FetchedEvents of(List<byte[]> fetched, Predicate<LogEvent> filter, long fromNanos, long toNanos,
      long maxMemoryBytes) {
    List<LogEvent> events = new ArrayList<>(fetched.size());
    Map<LogEvent, byte[]> sources = new IdentityHashMap<>(fetched.size());
    ExactCheck check = new ExactCheck(filter, fromNanos, toNanos);
    long bytes = 0;
    for (byte[] stored : fetched) {
      bytes += 2L * stored.length; // the source and the parsed event, as the Lucene store counts them
      if (bytes > maxMemoryBytes) {
        throw new IllegalArgumentException(String.format(Locale.ROOT, "the %,d events fetched for the pipes that run "
            + "in Corral hold more than the query memory limit of %,d bytes (search.max_memory): narrow the filter "
            + "or the time window", fetched.size(), maxMemoryBytes));
      }
      ExactCheck.Hit hit = check.kept(stored);
      if (hit != null) {
        events.add(hit.event());
        sources.put(hit.event(), hit.source());
      }
    }
    events.sort(NEWEST_FIRST); // stable: the cluster's order among equal timestamps stays
    return new FetchedEvents(events, sources);
  }

  List<LogEvent> events() {
    return events;
  }

  /**
   * The result's events as the store returns them: a fetched event its source as stored, one the pipes
   * changed (extraction, eval) its canonical JSON with the new fields.
   */
  List<StoredEvent> stored(List<LogEvent> result) {
    List<StoredEvent> stored = new ArrayList<>(result.size());
    for (LogEvent event : result) {
      byte[] source = sources.get(event);
      stored.add(new StoredEvent(event.timestamp(), source != null ? source : CanonicalJson.toBytes(event)));
    }
    return stored;
  }

  /**
   * The refusal of a query whose pipes must run in Corral over more events than a query fetches.
   *
   * @param matched events the filter matched
   * @param bound {@link OpenSearchSearch#MAX_FETCHED_EVENTS}
   */
  static IllegalArgumentException tooMany(QueryPlan plan, long matched, int bound) {
    Pipe pipe = plan.pipes().stream().filter(p -> !(p instanceof HeadPipe) && !(p instanceof FieldsPipe)).findFirst()
        .orElse(plan.pipes().get(0));
    return new IllegalArgumentException(String.format(Locale.ROOT,
        "'%s' runs in Corral over the matching events on the OpenSearch store, and %,d events match: more than the "
            + "%,d it fetches per query; narrow the filter or the time window", name(pipe), matched, bound));
  }

  /** A pipe's name as the query language writes it. */
  static String name(Pipe pipe) {
    return switch (pipe) {
      case StatsPipe s -> "stats";
      case TimechartPipe t -> "timechart";
      case TopPipe t -> "top";
      case SortPipe s -> "sort";
      case HeadPipe h -> "head";
      case FieldsPipe f -> "fields";
      case WherePipe w -> "where";
      case WhereExpressionPipe w -> "where";
      case EvalPipe e -> "eval";
      case ExtractPipe e -> e.format().pipeName();
    };
  }
}
