package dev.corral.pipeline;

/**
 * A processor could not process one event: the message names the field and the reason (e.g.
 * {@code field 'bytes' is 'abc', not a number}) and ends up in the event's {@code pipeline.error}.
 * Expected and frequent (a line a pattern does not match), so it carries no stack trace.
 */
public final class ProcessorException extends Exception {
  private static final long serialVersionUID = 1L;

  public ProcessorException(String message) {
    super(message, null, false, false);
  }
}
