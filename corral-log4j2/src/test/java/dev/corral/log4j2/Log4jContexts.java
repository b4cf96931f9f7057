package dev.corral.log4j2;

import java.net.URISyntaxException;
import org.apache.logging.log4j.core.LoggerContext;

/** A fresh Log4j context configured from an XML file of the test resources, as an application's log4j2.xml is. */
final class Log4jContexts {
  private Log4jContexts() {}

  /** Sets {@code properties} as system properties (the configs read {@code ${sys:…}}) and starts the context. */
  static LoggerContext configure(String resource, java.util.Map<String, String> properties) throws URISyntaxException {
    properties.forEach(System::setProperty);
    LoggerContext context = new LoggerContext(resource, null, Log4jContexts.class.getResource("/" + resource).toURI());
    context.start();
    return context;
  }

  static CorralAppender corralAppender(LoggerContext context) {
    return (CorralAppender) context.getConfiguration().getAppender("corral");
  }
}
