package dev.corral.model.normalize;

/**
 * The type and message of an exception, read from its stack trace text when the event does not
 * carry them as fields.
 *
 * <p>A Python traceback ({@code Traceback (most recent call last):} … ) names the exception on its
 * last line ({@code ValueError: bad amount}); Java, .NET and Node name it on the first line
 * ({@code java.lang.IllegalStateException: boom}, optionally after {@code Exception in thread
 * "main" }). The type must look like a (dotted) identifier, otherwise nothing is derived.
 *
 * @param type the exception type, e.g. {@code ValueError} or {@code java.lang.IllegalStateException}
 * @param message the text after {@code ": "}, or {@code null} when there is none
 */
public record ExceptionSummary(String type, String message) {
  private static final String PYTHON_HEADER = "Traceback (most recent call last):";
  private static final String JAVA_THREAD_PREFIX = "Exception in thread \"";
  /** Longest type name accepted; longer "types" are prose, not class names. */
  private static final int MAX_TYPE_LENGTH = 256;

  public ExceptionSummary {
    if (type == null || type.isEmpty()) {
      throw new IllegalArgumentException("exception type must not be empty");
    }
  }

  /** The summary of a stack trace, or {@code null} when its headline names no exception type. */
  public static ExceptionSummary of(String stacktrace) {
    if (stacktrace == null || stacktrace.isBlank()) {
      return null;
    }
    String line = stacktrace.contains(PYTHON_HEADER) ? lastLine(stacktrace) : firstLine(stacktrace);
    if (line.startsWith(JAVA_THREAD_PREFIX)) {
      int close = line.indexOf("\" ", JAVA_THREAD_PREFIX.length());
      if (close < 0) {
        return null;
      }
      line = line.substring(close + 2);
    }
    int colon = line.indexOf(": ");
    String type = colon < 0 ? line.strip() : line.substring(0, colon).strip();
    if (!isTypeName(type)) {
      return null;
    }
    String message = colon < 0 ? null : line.substring(colon + 2).strip();
    return new ExceptionSummary(type, message == null || message.isEmpty() ? null : message);
  }

  private static String firstLine(String text) {
    String stripped = text.stripLeading();
    int newline = stripped.indexOf('\n');
    return (newline < 0 ? stripped : stripped.substring(0, newline)).strip();
  }

  private static String lastLine(String text) {
    String stripped = text.stripTrailing();
    int newline = stripped.lastIndexOf('\n');
    return stripped.substring(newline + 1).strip();
  }

  private static boolean isTypeName(String type) {
    if (type.isEmpty() || type.length() > MAX_TYPE_LENGTH || !Character.isJavaIdentifierStart(type.charAt(0))) {
      return false;
    }
    for (int i = 1; i < type.length(); i++) {
      char c = type.charAt(i);
      if (!Character.isJavaIdentifierPart(c) && c != '.') {
        return false;
      }
    }
    return !type.endsWith(".");
  }
}
