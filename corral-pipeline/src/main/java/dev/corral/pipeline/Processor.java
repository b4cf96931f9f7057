package dev.corral.pipeline;

/**
 * One step of a pipeline: reads and changes a {@link Document}. Built once from its definition by
 * a {@link ProcessorFactory}, then run on many events, possibly on several threads at once, so an
 * implementation is immutable (or its state thread-safe). The options every processor takes
 * ({@code if}, {@code on_failure}, {@code ignore_failure}, {@code tag}) are applied around it by the
 * pipeline, not by the processor; {@code ignore_missing} is the processor's own.
 */
@FunctionalInterface
public interface Processor {
  /**
   * Processes one event.
   *
   * @return {@code true} to keep the event and go on with the next processor, {@code false} to
   *     drop it (the {@code drop} and {@code sample} processors)
   * @throws ProcessorException when this event cannot be processed (a field missing without
   *     {@code ignore_missing}, a value that does not parse, a time budget spent); the event is
   *     kept with {@code pipeline.error}, never lost
   */
  boolean process(Document document) throws ProcessorException;
}
