package dev.corral.server.inputs.gelf;

import biz.paluch.logging.gelf.logback.GelfLogbackAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.MDC;

/**
 * Logs the same three events through a started logstash-gelf Logback appender, whatever its
 * transport: a unicode INFO, an ERROR with a stack trace and a large WARN, each with its own
 * {@code trace_id} in the MDC ({@code <prefix>-unicode}, {@code -error}, {@code -large}). Stops
 * the appender afterwards, which flushes it.
 */
final class LogbackGelfRun {
  private LogbackGelfRun() {}

  static void logThree(LoggerContext context, GelfLogbackAppender appender, String loggerName, String tracePrefix,
      String unicode, String large) {
    Logger logger = context.getLogger(loggerName);
    logger.setAdditive(false);
    logger.setLevel(Level.DEBUG);
    logger.addAppender(appender);
    try {
      MDC.put("trace_id", tracePrefix + "-unicode");
      logger.info(unicode);
      MDC.put("trace_id", tracePrefix + "-error");
      logger.error("order {} failed", 7, new IllegalArgumentException("negative amount"));
      MDC.put("trace_id", tracePrefix + "-large");
      logger.warn(large);
    } finally {
      MDC.remove("trace_id");
      logger.detachAppender(appender);
      appender.stop();
    }
  }
}
