package dev.corral.server.alerts.rules;

/**
 * A rule definition refused: the message names the file (or the API body), the line when one is
 * known, and what is wrong. Nothing changed.
 */
public final class InvalidRuleException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int line;

  /** @param line 1-based line of the offending key, or 0 when the problem is not on one line */
  InvalidRuleException(String source, int line, String problem) {
    super(source + (line > 0 ? " line " + line : "") + ": " + problem);
    this.line = line;
  }

  /** The 1-based line of the problem, 0 when unknown. */
  public int line() {
    return line;
  }
}
