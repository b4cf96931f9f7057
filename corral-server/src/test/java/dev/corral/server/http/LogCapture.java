package dev.corral.server.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/** Collects every event the server logs while open, with {@link HttpApi} at DEBUG. */
final class LogCapture implements AutoCloseable {
  /** Enough for a loaded machine to log what the test waits for; the test fails after it. */
  private static final long WAIT_MILLIS = 30_000;
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Logger http = (Logger) LoggerFactory.getLogger(HttpApi.class);
  private final Level httpLevel = http.getLevel();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  LogCapture() {
    appender.start();
    root.addAppender(appender);
    http.setLevel(Level.DEBUG);
  }

  List<ILoggingEvent> events() {
    synchronized (appender) {
      return List.copyOf(appender.list);
    }
  }

  /** Waits until an event matches; fails with what was logged when none does in time. */
  ILoggingEvent await(String what, Predicate<ILoggingEvent> match) throws InterruptedException {
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      for (ILoggingEvent event : events()) {
        if (match.test(event)) {
          return event;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("never logged: " + what + "; logged " + events());
  }

  /** The value of a key-value pair of an event, or null. */
  static Object value(ILoggingEvent event, String key) {
    return event.getKeyValuePairs() == null ? null : event.getKeyValuePairs().stream()
        .filter(pair -> pair.key.equals(key)).map(pair -> pair.value).findFirst().orElse(null);
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    http.setLevel(httpLevel);
  }
}
