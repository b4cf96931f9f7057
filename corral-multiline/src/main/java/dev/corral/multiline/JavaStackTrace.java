package dev.corral.multiline;

/** The {@code java} preset: which lines continue a Java stack trace. */
public final class JavaStackTrace {
  /**
   * A line that continues the group before it: a frame ({@code at …}), {@code ... N more} / {@code ... N common
   * frames omitted}, {@code Caused by:} / {@code Suppressed:}, or a bare exception line ({@code
   * java.lang.IllegalStateException: …}) that follows the message line of a log event.
   */
  public static final String CONTINUE = "^\\s+at\\s|^\\s*\\.\\.\\. \\d+ (?:more|common frames omitted)"
      + "|^\\s*(?:Caused by|Suppressed):|^(?:[a-zA-Z_$][\\w$]*\\.)+[a-zA-Z_$][\\w$]*(?:Exception|Error|Throwable)(?::|$)";

  private JavaStackTrace() {}
}
