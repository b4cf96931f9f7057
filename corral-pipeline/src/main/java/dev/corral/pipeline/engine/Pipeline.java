package dev.corral.pipeline.engine;

import dev.corral.model.LogEvent;
import dev.corral.pipeline.DocumentLimits;
import dev.corral.pipeline.EventDocument;
import dev.corral.pipeline.ProcessorException;
import dev.corral.pipeline.multiline.Multiline;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * A built pipeline: its processors in order, run on one document at a time by {@link
 * #run(EventDocument)}. Immutable but for its counters, so one instance serves every ingest thread
 * at once. Built by {@link PipelineSet}.
 *
 * <p>Failure semantics (Elasticsearch's, but an event is never lost):
 *
 * <ol>
 *   <li>A processor whose {@code if} does not hold is skipped.
 *   <li>A processor that fails ({@link ProcessorException}, or a value the document refuses) with
 *       {@code ignore_failure} is passed over; with its own {@code on_failure}, those processors
 *       run (with {@code _ingest.on_failure_message}, {@code _ingest.on_failure_processor_type},
 *       {@code _ingest.on_failure_processor_tag} and {@code _ingest.on_failure_pipeline} readable)
 *       and then the pipeline goes on with the next processor.
 *   <li>Any other failure ends the pipeline's processors: its own {@code on_failure} runs if it has
 *       one and the event is kept as those leave it; a pipeline called by a {@code pipeline}
 *       processor without one passes the failure to that processor.
 *   <li>A failure nothing took keeps the event as processed so far (a redaction done before it
 *       stays done), adds {@code pipeline.error.processor}, {@code pipeline.error.tag}, {@code
 *       pipeline.error.reason} and {@code pipeline.error.pipeline}, and counts it: {@link
 *       Outcome#FAILED}.
 *   <li>A processor that returns false drops the event ({@link Outcome#DROPPED}); nothing after it runs.
 * </ol>
 */
public final class Pipeline {
  /** Fields the pipeline adds to an event whose failure no handler took. */
  public static final String ERROR_PROCESSOR = "pipeline.error.processor";
  public static final String ERROR_TAG = "pipeline.error.tag";
  public static final String ERROR_REASON = "pipeline.error.reason";
  public static final String ERROR_PIPELINE = "pipeline.error.pipeline";
  /** Metadata readable by failure handlers, removed after them (Elasticsearch's names). */
  public static final String FAILURE_MESSAGE = "_ingest.on_failure_message";
  public static final String FAILURE_TYPE = "_ingest.on_failure_processor_type";
  public static final String FAILURE_TAG = "_ingest.on_failure_processor_tag";
  public static final String FAILURE_PIPELINE = "_ingest.on_failure_pipeline";

  private final String id;
  private final String description;
  private final Predicate<LogEvent> when;
  private final Multiline multiline;
  private final List<Step> steps;
  private final List<Step> onFailure;
  private final LongAdder in = new LongAdder();
  private final LongAdder kept = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder failed = new LongAdder();

  Pipeline(String id, String description, Predicate<LogEvent> when, Multiline multiline, List<Step> steps,
      List<Step> onFailure) {
    this.id = id;
    this.description = description;
    this.when = when;
    this.multiline = multiline;
    this.steps = List.copyOf(steps);
    this.onFailure = List.copyOf(onFailure);
  }

  public String id() {
    return id;
  }

  /** Its description, or null. */
  public String description() {
    return description;
  }

  /** Whether this pipeline's {@code when} selects {@code event} by default; false when it has none. */
  public boolean selects(LogEvent event) {
    return when != null && when.test(event);
  }

  /**
   * How the raw lines of one stream are joined into events before this pipeline runs on them, when
   * its definition has a {@code multiline} block. Joining is the caller's (an input knows its
   * streams); {@link #run} and {@link #apply} take events already joined.
   */
  public Optional<Multiline> multiline() {
    return Optional.ofNullable(multiline);
  }

  /** Whether it has a {@code when}. */
  public boolean hasDefaultRule() {
    return when != null;
  }

  /**
   * Runs the pipeline on {@code document}, changing it in place.
   *
   * @return {@link Outcome#DROPPED} when the event is to be dropped; else the event goes on,
   *     {@link Outcome#FAILED} when it was marked with {@code pipeline.error}
   */
  public Outcome run(EventDocument document) {
    return run(document, Trace.NONE);
  }

  /**
   * Runs the pipeline on one event, as ingest does: the event in a document bounded by {@code
   * limits}, and back.
   *
   * @return the outcome and the event to store (null when dropped)
   */
  public Applied apply(LogEvent event, DocumentLimits limits) {
    EventDocument document = EventDocument.of(event, limits);
    Outcome outcome = run(document);
    return new Applied(outcome, outcome == Outcome.DROPPED ? null : document.toEvent());
  }

  /** What {@link #apply} made of one event: its outcome, and the event to store (null when dropped). */
  public record Applied(Outcome outcome, LogEvent event) {}

  Outcome run(EventDocument document, Trace trace) {
    Signal signal = runCalled(document, trace);
    if (signal.dropped()) {
      return Outcome.DROPPED;
    }
    if (signal.failure() != null) {
      mark(document, signal.failure());
      return Outcome.FAILED;
    }
    return Outcome.KEPT;
  }

  /** Runs as a called pipeline: a failure its own handlers do not take is returned, not marked. */
  Signal runCalled(EventDocument document, Trace trace) {
    in.increment();
    Signal signal = runSteps(steps, document, trace);
    if (signal.failure() != null && !onFailure.isEmpty()) {
      signal = handle(onFailure, signal.failure(), document, trace);
    }
    if (signal.dropped()) {
      dropped.increment();
    } else if (signal.failure() != null) {
      failed.increment();
    } else {
      kept.increment();
    }
    return signal;
  }

  private static Signal runSteps(List<Step> steps, EventDocument document, Trace trace) {
    for (Step step : steps) {
      if (!step.condition().test(document)) {
        step.metrics().skipped.increment();
        trace.after(step, "skipped", document, null);
        continue;
      }
      Signal signal = runStep(step, document, trace);
      if (signal.dropped()) {
        return signal;
      }
      Failure failure = signal.failure();
      if (failure == null || step.ignoreFailure()) {
        continue;
      }
      if (step.onFailure().isEmpty()) {
        return signal;
      }
      Signal handled = handle(step.onFailure(), failure, document, trace);
      if (handled.dropped() || handled.failure() != null) {
        return handled;
      }
    }
    return Signal.CONTINUE;
  }

  private static Signal runStep(Step step, EventDocument document, Trace trace) {
    StepMetrics metrics = step.metrics();
    long start = System.nanoTime(); // "in" is not counted apart: it is out + dropped + failed (one of them below)
    Signal signal;
    try {
      if (step.callee() != null) {
        signal = step.callee().runCalled(document, trace);
      } else if (step.processor() != null) {
        signal = step.processor().process(document) ? Signal.CONTINUE : Signal.DROP;
      } else {
        signal = Signal.CONTINUE;
      }
    } catch (ProcessorException | IllegalArgumentException e) {
      signal = Signal.failed(new Failure(step.pipeline(), step.type(), step.tag(), e.getMessage()));
    } catch (RuntimeException e) {
      // A processor's bug must not lose the event either: it is failed like any other failure, with the class named.
      signal = Signal.failed(new Failure(step.pipeline(), step.type(), step.tag(),
          "BUG: " + e.getClass().getName() + ": " + e.getMessage()));
    } finally {
      metrics.nanos.add(System.nanoTime() - start);
    }
    if (signal.dropped()) {
      metrics.dropped.increment();
      trace.after(step, "dropped", document, null);
    } else if (signal.failure() != null) {
      metrics.failed.increment();
      trace.after(step, "error", document, signal.failure().reason());
    } else {
      metrics.out.increment();
      trace.after(step, "success", document, null);
    }
    return signal;
  }

  /**
   * Runs failure handlers with the failure's metadata readable; a handler's own failure is
   * returned. The metadata fields are put back as they were afterwards (a handler inside a
   * handler sees its own failure, then the outer one sees the outer failure again).
   */
  private static Signal handle(List<Step> handlers, Failure failure, EventDocument document, Trace trace) {
    String[] fields = {FAILURE_MESSAGE, FAILURE_TYPE, FAILURE_TAG, FAILURE_PIPELINE};
    String[] values = {failure.reason(), failure.type(), failure.tag(), failure.pipeline()};
    Object[] before = new Object[fields.length];
    boolean[] had = new boolean[fields.length];
    for (int i = 0; i < fields.length; i++) {
      had[i] = document.has(fields[i]);
      before[i] = document.get(fields[i]);
      if (values[i] != null) {
        document.setOverLimits(fields[i], values[i]);
      } else {
        document.remove(fields[i]);
      }
    }
    try {
      return runSteps(handlers, document, trace);
    } finally {
      for (int i = 0; i < fields.length; i++) {
        document.remove(fields[i]);
        if (had[i]) {
          document.set(fields[i], before[i]);
        }
      }
    }
  }

  private static void mark(EventDocument document, Failure failure) {
    document.setOverLimits(ERROR_PROCESSOR, failure.type());
    if (failure.tag() != null) {
      document.setOverLimits(ERROR_TAG, failure.tag());
    }
    document.setOverLimits(ERROR_REASON, failure.reason() == null ? "(no reason given)" : failure.reason());
    document.setOverLimits(ERROR_PIPELINE, failure.pipeline());
  }

  /** The counters of the pipeline and of each processor. */
  public PipelineStats stats() {
    List<ProcessorStats> processors = new ArrayList<>();
    collect(steps, processors);
    collect(onFailure, processors);
    return new PipelineStats(id, in.sum(), kept.sum(), dropped.sum(), failed.sum(), processors);
  }

  private static void collect(List<Step> steps, List<ProcessorStats> into) {
    for (Step step : steps) {
      into.add(step.stats());
      collect(step.onFailure(), into);
    }
  }

  /** What running some processors left: go on, drop the event, or a failure to handle. */
  record Signal(boolean dropped, Failure failure) {
    static final Signal CONTINUE = new Signal(false, null);
    static final Signal DROP = new Signal(true, null);

    static Signal failed(Failure failure) {
      return new Signal(false, failure);
    }
  }
}
