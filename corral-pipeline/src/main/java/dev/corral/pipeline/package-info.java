/**
 * Processing pipelines: an ordered list of {@link dev.corral.pipeline.Processor}s run on each
 * event of a request before the request is written to the write-ahead log, so that what reaches the
 * disk (and every reader of the log: indexer, live tail, alerts, backup) is already parsed,
 * enriched and redacted.
 *
 * <p>A processor sees an event as a {@link dev.corral.pipeline.Document} (fields by name, the
 * canonical fields {@code timestamp}, {@code level}, {@code message} among them), is built from
 * its definition's options ({@link dev.corral.pipeline.ProcessorConfig}) by a {@link
 * dev.corral.pipeline.ProcessorFactory}, and fails an event with a {@link
 * dev.corral.pipeline.ProcessorException} (the event is kept, marked with {@code pipeline.error}).
 * A definition that cannot be built is a {@link dev.corral.pipeline.DefinitionException}. This
 * module does no I/O but reading definitions and the pattern or database files they name.
 */
package dev.corral.pipeline;
