package dev.corral.propagation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Finds, once, which logging contexts the application has: SLF4J's MDC when slf4j-api is on the class path,
 * Log4j's ThreadContext when log4j-api is, both when both are (an application on Logback often has a library
 * logging through log4j-api, and the ids belong in both). Each adapter class names its library directly; it
 * is only instantiated after {@code Class.forName} found that library, so a missing one is never loaded.
 */
final class LogContextBackends {
  private LogContextBackends() {}

  /** The contexts present to {@code loader}, SLF4J first; empty when neither library is there. */
  static List<LogContextBackend> detect(ClassLoader loader) {
    List<LogContextBackend> found = new ArrayList<>(2);
    addIfPresent(found, loader, "org.slf4j.MDC", Slf4jMdc::new);
    addIfPresent(found, loader, "org.apache.logging.log4j.ThreadContext", Log4jThreadContext::new);
    return List.copyOf(found);
  }

  private static void addIfPresent(List<LogContextBackend> found, ClassLoader loader, String className,
      Supplier<LogContextBackend> adapter) {
    try {
      Class.forName(className, false, loader);
    } catch (ClassNotFoundException | LinkageError absent) {
      return;
    }
    found.add(adapter.get());
  }
}
