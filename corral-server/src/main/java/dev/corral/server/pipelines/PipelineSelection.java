package dev.corral.server.pipelines;

import dev.corral.model.Fields;
import dev.corral.model.LogEvent;
import dev.corral.pipeline.DocumentLimits;
import dev.corral.pipeline.engine.Outcome;
import dev.corral.pipeline.engine.Pipeline;
import dev.corral.pipeline.engine.PipelineSet;
import dev.corral.query.NearestName;
import dev.corral.server.ingest.EventProcessing;
import dev.corral.server.ingest.IngestRejection;
import dev.corral.server.ingest.LineStream;
import dev.corral.server.ingest.PipelineChoice;
import dev.corral.server.ingest.Refusal;
import io.prometheus.metrics.core.metrics.Counter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The ingest sink's processing step: picks a pipeline for each event of a request and runs it.
 * The pipeline of an event is, in this order:
 *
 * <ol>
 *   <li>the one the request names for it or for all its events ({@code ?pipeline=}, a {@code _bulk}
 *       action's {@code pipeline}); {@code _none} names none and skips the rest;
 *   <li>the input's configured default ({@code pipelines.inputs});
 *   <li>the first pipeline, in definition order, whose {@code when} matches the event;
 *   <li>none: the event is stored as decoded.
 * </ol>
 *
 * <p>For a raw-lines input ({@link #LINE_INPUTS}), the consecutive events that run a pipeline with a
 * {@code multiline} block are joined by it first (each request is a stream of its own: the end of
 * its body completes the last group), and the pipeline runs on the joined events.
 *
 * <p>The set is read once per request: a reload during the request does not change what its events
 * run. A named pipeline the set lacks refuses the whole request before anything runs ({@link
 * Refusal.Malformed}, naming it and the nearest id); an input default the set lacks (its file was
 * refused) keeps the events unprocessed, marked with {@code pipeline.error.*}. Dropped events are
 * left out and counted; failed ones are kept as the pipeline marked them. The batch is processed on
 * the request's thread: requests already run in parallel, one virtual thread each, so a second
 * level of threads would only add hand-offs (measure before changing). Thread-safe.
 */
final class PipelineSelection implements EventProcessing {
  /**
   * The inputs whose events are raw lines of one stream, in order: for them a pipeline's {@code
   * multiline} block joins consecutive events that run that pipeline, and the end of the request
   * completes the last group (the raw-lines input's name, {@code POST /api/v1/ingest/raw}; named
   * here because the pipelines know no input package).
   */
  static final java.util.Set<String> LINE_INPUTS = java.util.Set.of("raw");

  private final Supplier<PipelineSet> current;
  private final Map<String, String> inputDefaults;
  private final DocumentLimits limits;
  private final Counter outcomes;
  private final RecentEvents recent;

  /**
   * @param current the set now loaded, read once per request
   * @param inputDefaults input name to its default pipeline's id
   * @param limits how large a pipeline may make one event (the ingest limits)
   * @param outcomes counter labelled pipeline and outcome (kept, dropped, failed)
   * @param recent where the last events of each input are kept, as they arrive, for the live preview
   */
  PipelineSelection(Supplier<PipelineSet> current, Map<String, String> inputDefaults, DocumentLimits limits,
      Counter outcomes, RecentEvents recent) {
    this.current = current;
    this.inputDefaults = Map.copyOf(inputDefaults);
    this.limits = limits;
    this.outcomes = outcomes;
    this.recent = recent;
  }

  @Override
  public boolean hasPipeline(String id) {
    return id.equals(PipelineChoice.NO_PIPELINE) || current.get().get(id).isPresent();
  }

  @Override
  public List<LogEvent> process(String input, PipelineChoice choice, List<LogEvent> events) throws IngestRejection {
    PipelineSet set = current.get();
    checkNamed(set, choice, events.size());
    recent.record(input, events);
    String inputDefault = inputDefaults.get(input);
    if (set.pipelines().isEmpty() && inputDefault == null) {
      return events; // no pipeline can apply (a named one would have been refused): the common case costs nothing
    }
    Map<String, long[]> counts = new HashMap<>();
    List<LogEvent> kept = new ArrayList<>(events.size());
    boolean lines = LINE_INPUTS.contains(input);
    int i = 0;
    while (i < events.size()) {
      LogEvent event = events.get(i);
      String named = choice.named(i);
      if (PipelineChoice.NO_PIPELINE.equals(named)) {
        kept.add(event);
        i++;
        continue;
      }
      String id = named != null ? named : inputDefault;
      Pipeline pipeline = pipelineFor(set, id, event);
      if (pipeline == null) {
        kept.add(id == null ? event : markedMissing(event, id, input));
        i++;
        continue;
      }
      int end = i + 1;
      List<LogEvent> run = List.of(event);
      if (lines && pipeline.multiline().isPresent()) {
        while (end < events.size() && runsSame(set, choice, inputDefault, end, events.get(end), pipeline)) {
          end++;
        }
        run = pipeline.multiline().get().join(events.subList(i, end));
      }
      for (LogEvent joined : run) {
        Pipeline.Applied applied = pipeline.apply(joined, limits);
        counts.computeIfAbsent(pipeline.id(), key -> new long[Outcome.values().length])[applied.outcome().ordinal()]++;
        if (applied.outcome() != Outcome.DROPPED) {
          kept.add(applied.event());
        }
      }
      i = end;
    }
    counts.forEach((id, byOutcome) -> {
      for (Outcome outcome : Outcome.values()) {
        if (byOutcome[outcome.ordinal()] > 0) {
          outcomes.labelValues(id, outcome.name().toLowerCase(java.util.Locale.ROOT)).inc(byOutcome[outcome.ordinal()]);
        }
      }
    });
    return kept;
  }

  /** A stream joining the lines of one connection of {@code input} by their pipelines' {@code multiline} blocks. */
  @Override
  public LineStream openStream(String input) {
    return new JoiningLineStream(current, inputDefaults.get(input));
  }

  /** Whether event {@code index} runs {@code pipeline} too, so it continues the run of lines joined for it. */
  private static boolean runsSame(PipelineSet set, PipelineChoice choice, String inputDefault, int index,
      LogEvent event, Pipeline pipeline) {
    String named = choice.named(index);
    if (PipelineChoice.NO_PIPELINE.equals(named)) {
      return false;
    }
    String id = named != null ? named : inputDefault;
    return pipelineFor(set, id, event) == pipeline;
  }

  /** The pipeline {@code id}, or when null the first whose {@code when} selects {@code event}; null for none. */
  private static Pipeline pipelineFor(PipelineSet set, String id, LogEvent event) {
    return id != null ? set.get(id).orElse(null) : set.selectFor(event).orElse(null);
  }

  /** Refuses the request when it names a pipeline the set lacks; before anything runs. */
  private static void checkNamed(PipelineSet set, PipelineChoice choice, int events) throws IngestRejection {
    checkKnown(set, choice.requested());
    for (int i = 0; i < Math.min(events, choice.perEvent().size()); i++) {
      checkKnown(set, choice.perEvent().get(i));
    }
  }

  private static void checkKnown(PipelineSet set, String id) throws IngestRejection {
    if (id == null || id.equals(PipelineChoice.NO_PIPELINE) || set.get(id).isPresent()) {
      return;
    }
    List<String> ids = set.pipelines().stream().map(Pipeline::id).toList();
    throw new IngestRejection(new Refusal.Malformed(), "pipeline '" + id + "' does not exist"
        + NearestName.hint(id, ids) + "; nothing of this request was stored (GET /api/v1/pipelines lists them)");
  }

  /** The event unprocessed, marked: its input's default pipeline is not loaded (its file was refused or removed). */
  private static LogEvent markedMissing(LogEvent event, String id, String input) {
    Fields.Builder fields = Fields.builder(event.fields().size() + 3);
    event.fields().forEach(fields::put);
    fields.put(Pipeline.ERROR_PIPELINE, id);
    fields.put(Pipeline.ERROR_REASON, "pipeline '" + id + "', the default of input '" + input
        + "' (pipelines.inputs), is not loaded; the event is stored unprocessed");
    return new LogEvent(event.timestamp(), event.level(), event.message(), fields.build());
  }
}
