package dev.corral.propagation;

/**
 * One logging library's per-thread context (SLF4J's MDC, Log4j's ThreadContext): the map whose entries
 * every log event of the thread carries. Calls act on the calling thread's map only.
 */
interface LogContextBackend {
  /** The value of {@code key} on this thread, or null. */
  String get(String key);

  void put(String key, String value);

  void remove(String key);

  /** The library's name, for diagnostics ({@code "slf4j"}, {@code "log4j"}). */
  String name();
}
