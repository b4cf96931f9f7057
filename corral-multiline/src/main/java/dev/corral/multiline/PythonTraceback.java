package dev.corral.multiline;

/**
 * The {@code python} preset: a group from {@code Traceback (most recent call last):} through the
 * indented frame and source lines to the exception line ({@code ValueError: bad input}), chained
 * tracebacks ({@code During handling of the above exception, another exception occurred:}, {@code
 * The above exception was the direct cause of the following exception:}) included. Every other line
 * is a group of its own. Remembers where in a traceback the stream is: one per stream; not thread-safe.
 */
public final class PythonTraceback {
  /** The first line of a traceback. */
  public static final String TRACEBACK = "Traceback (most recent call last):";
  private static final String DURING = "During handling of the above exception, another exception occurred:";
  private static final String CAUSE = "The above exception was the direct cause of the following exception:";

  private enum State { OUTSIDE, FRAMES, AFTER_EXCEPTION, CHAINED }

  private State state = State.OUTSIDE;

  /** What {@code line} does to the group open in this stream. */
  public Decision decide(String line) {
    if (line.startsWith(TRACEBACK)) {
      Decision decision = state == State.CHAINED ? Decision.JOIN : Decision.START;
      state = State.FRAMES;
      return decision;
    }
    boolean blank = line.isBlank();
    switch (state) {
      case FRAMES -> {
        if (!blank && !Character.isWhitespace(line.charAt(0))) {
          state = State.AFTER_EXCEPTION; // the exception line: the traceback is complete unless a chain follows
        }
        return Decision.JOIN;
      }
      case AFTER_EXCEPTION, CHAINED -> {
        if (blank) {
          return Decision.JOIN;
        }
        if (line.startsWith(DURING) || line.startsWith(CAUSE)) {
          state = State.CHAINED;
          return Decision.JOIN;
        }
        state = State.OUTSIDE;
        return Decision.START;
      }
      default -> {
        return Decision.START;
      }
    }
  }
}
