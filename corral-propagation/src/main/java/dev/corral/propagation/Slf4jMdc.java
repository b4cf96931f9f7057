package dev.corral.propagation;

import org.slf4j.MDC;

/** SLF4J's MDC (Logback, or whatever SLF4J is bound to). Loaded only when slf4j-api is on the class path. */
final class Slf4jMdc implements LogContextBackend {
  @Override
  public String get(String key) {
    return MDC.get(key);
  }

  @Override
  public void put(String key, String value) {
    MDC.put(key, value);
  }

  @Override
  public void remove(String key) {
    MDC.remove(key);
  }

  @Override
  public String name() {
    return "slf4j";
  }
}
