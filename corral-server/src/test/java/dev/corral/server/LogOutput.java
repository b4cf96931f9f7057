package dev.corral.server;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import dev.corral.server.logging.KeyValueLayout;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The log output of this JVM while open, rendered as the server renders it ({@link KeyValueLayout}, one line per
 * event, stack traces included): what an operator would read, for tests that check what a log holds or must not
 * hold. Every logger the configuration lets through is captured, the Kafka clients' too. Thread-safe.
 */
public final class LogOutput implements AutoCloseable {
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();

  public LogOutput() {
    LoggerContext context = root.getLoggerContext();
    KeyValueLayout layout = new KeyValueLayout();
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.start();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setOutputStream(bytes);
    appender.start();
    root.addAppender(appender);
  }

  /** Everything logged so far. */
  public String text() {
    return bytes.toString(StandardCharsets.UTF_8); // synchronized with the appender's writes
  }

  /** The lines logged so far. */
  public List<String> lines() {
    return text().lines().toList();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}
