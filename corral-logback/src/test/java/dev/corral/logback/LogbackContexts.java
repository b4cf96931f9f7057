package dev.corral.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.util.Map;
import org.slf4j.MDC;

/**
 * A fresh Logback context (not the one the server in the same JVM logs through) configured from an XML file of
 * the test resources, as an application's logback.xml is. It shares SLF4J's MDC, so {@code MDC.put} reaches it
 * as it reaches an application's context.
 */
final class LogbackContexts {
  private LogbackContexts() {}

  static LoggerContext configure(String resource, Map<String, String> properties) throws JoranException {
    LoggerContext context = new LoggerContext();
    context.setName(resource);
    context.setMDCAdapter(MDC.getMDCAdapter());
    properties.forEach(context::putProperty);
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(LogbackContexts.class.getResource("/" + resource));
    return context;
  }

  static CorralAppender corralAppender(LoggerContext context) {
    return (CorralAppender) context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("CORRAL");
  }
}
