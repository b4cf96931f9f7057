package dev.corral.client;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * The exception of an event, as Corral stores it: {@code exception.type}, {@code exception.message} and
 * {@code exception.stacktrace} (the whole trace with its causes and suppressed exceptions).
 */
public record ExceptionDetail(String type, String message, String stacktrace) {
  public ExceptionDetail {
    if (type == null || type.isEmpty()) {
      throw new IllegalArgumentException("an exception needs its type (class name), got " + type);
    }
  }

  /** The detail of {@code thrown}, its stack trace rendered by {@link Throwable#printStackTrace}. */
  public static ExceptionDetail of(Throwable thrown) {
    StringWriter trace = new StringWriter();
    thrown.printStackTrace(new PrintWriter(trace));
    return new ExceptionDetail(thrown.getClass().getName(), thrown.getMessage(), trace.toString());
  }
}
