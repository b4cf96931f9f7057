package dev.corral.ship.lines;

/**
 * The {@code python} preset: a group from {@code Traceback (most recent call last):} through the indented frame
 * and source lines to the exception line ({@code ValueError: bad input}), chained tracebacks ({@code During
 * handling of the above exception, another exception occurred:}, {@code The above exception was the direct cause
 * of the following exception:}) included. Every other line is a group of its own. The same rule as the server
 * pipelines' {@code multiline: {preset: python}}. Remembers where in a traceback the stream is: one per stream.
 */
final class PythonTraceback implements LineGrouping {
  static final String TRACEBACK = "Traceback (most recent call last):";
  private static final String DURING = "During handling of the above exception, another exception occurred:";
  private static final String CAUSE = "The above exception was the direct cause of the following exception:";

  private enum State { OUTSIDE, FRAMES, AFTER_EXCEPTION, CHAINED }

  private State state = State.OUTSIDE;

  @Override
  public Decision decide(String line) {
    if (line.startsWith(TRACEBACK)) {
      Decision decision = state == State.CHAINED ? Decision.JOIN : Decision.START;
      state = State.FRAMES;
      return decision;
    }
    boolean blank = line.isBlank();
    return switch (state) {
      case FRAMES -> {
        if (!blank && !Character.isWhitespace(line.charAt(0))) {
          state = State.AFTER_EXCEPTION; // the exception line: complete unless a chained traceback follows
        }
        yield Decision.JOIN;
      }
      case AFTER_EXCEPTION, CHAINED -> {
        if (blank) {
          yield Decision.JOIN;
        }
        if (line.startsWith(DURING) || line.startsWith(CAUSE)) {
          state = State.CHAINED;
          yield Decision.JOIN;
        }
        state = State.OUTSIDE;
        yield Decision.START;
      }
      case OUTSIDE -> Decision.START;
    };
  }
}
