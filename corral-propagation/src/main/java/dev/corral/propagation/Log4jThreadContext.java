package dev.corral.propagation;

import org.apache.logging.log4j.ThreadContext;

/** Log4j's ThreadContext (its MDC). Loaded only when log4j-api is on the class path. */
final class Log4jThreadContext implements LogContextBackend {
  @Override
  public String get(String key) {
    return ThreadContext.get(key);
  }

  @Override
  public void put(String key, String value) {
    ThreadContext.put(key, value);
  }

  @Override
  public void remove(String key) {
    ThreadContext.remove(key);
  }

  @Override
  public String name() {
    return "log4j";
  }
}
