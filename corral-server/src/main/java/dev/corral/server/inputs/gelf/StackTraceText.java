package dev.corral.server.inputs.gelf;

import dev.corral.model.normalize.ExceptionSummary;

/**
 * Tells whether a GELF {@code full_message} is a stack trace (which becomes
 * {@code exception.stacktrace}) or just a longer message (kept as {@code full_message}).
 *
 * <p>A text is a stack trace when it is a Python traceback ({@code Traceback (most recent call
 * last):}), a Go panic ({@code panic: …} followed by a {@code goroutine N [...]:} line), or when
 * its headline names an exception type ({@code java.lang.IllegalStateException: boom},
 * {@code Exception in thread "main" …}, see {@link ExceptionSummary}) and a later line is a frame
 * ({@code at …}) or a {@code Caused by:}. A multi-line message that merely starts with a word and
 * a colon is not one. Stateless and thread-safe.
 */
final class StackTraceText {
  private static final String PYTHON_HEADER = "Traceback (most recent call last):";
  private static final String GO_PANIC = "panic: ";

  private StackTraceText() {}

  /** Whether {@code text} looks like a stack trace under the rules above. */
  static boolean looksLikeStackTrace(String text) {
    int firstNewline = text.indexOf('\n');
    if (firstNewline < 0) {
      return false;
    }
    if (text.contains(PYTHON_HEADER)) {
      return true;
    }
    String rest = text.substring(firstNewline + 1);
    if (text.stripLeading().startsWith(GO_PANIC)) {
      return rest.lines().anyMatch(line -> line.startsWith("goroutine ") && line.endsWith(":"));
    }
    if (ExceptionSummary.of(text) == null) {
      return false;
    }
    return rest.lines().map(String::strip).anyMatch(line -> line.startsWith("at ") || line.startsWith("Caused by: "));
  }
}
