package dev.corral.server.ingest;

import dev.corral.model.LogEvent;
import java.util.List;

/**
 * The processing step of {@link IngestSink#append}: the events of one request in, the events to
 * store out (parsed, enriched, redacted; dropped ones left out). Implemented by the processing
 * pipelines; the sink knows only this. Called concurrently, once per request, on the request's
 * thread.
 */
@FunctionalInterface
public interface EventProcessing {
  /** No processing: the events are stored as decoded. */
  EventProcessing NONE = (input, choice, events) -> events;

  /**
   * Processes one request's events.
   *
   * @param input the input's name, whose configured default pipeline applies when {@code choice} names none
   * @param choice the pipelines the request names
   * @return the events to store, in order; an event a pipeline failed is kept, marked
   * @throws IngestRejection {@link Refusal.Malformed} when {@code choice} names a pipeline that does not exist;
   *     nothing of the request is stored
   */
  List<LogEvent> process(String input, PipelineChoice choice, List<LogEvent> events) throws IngestRejection;

  /**
   * Whether a choice naming pipeline {@code id} is taken now; false exactly when {@link #process} would refuse it as
   * one that does not exist. The default, processing that runs no pipeline, takes every name.
   */
  default boolean hasPipeline(String id) {
    return true;
  }

  /**
   * A stream for the raw lines of one connection of {@code input}, joining them as the processing
   * says (a pipeline's {@code multiline} block). The default joins nothing.
   */
  default LineStream openStream(String input) {
    return LineStream.PASS;
  }
}
