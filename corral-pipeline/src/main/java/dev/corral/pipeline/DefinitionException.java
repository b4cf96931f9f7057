package dev.corral.pipeline;

/**
 * A pipeline or processor definition cannot be built: an unknown processor, a missing or wrong
 * option, a pattern that does not compile, a condition that does not parse, a chain that loops.
 * The message names the pipeline, the processor (type and position) and the option, and where
 * known the line of the definition's file, e.g. {@code pipeline 'nginx', processor 2 (grok): unknown
 * pattern %{NGINXACCES} (did you mean NGINXACCESS?)}.
 */
public final class DefinitionException extends Exception {
  private static final long serialVersionUID = 1L;

  public DefinitionException(String message) {
    super(message);
  }

  public DefinitionException(String message, Throwable cause) {
    super(message, cause);
  }
}
