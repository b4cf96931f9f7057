package dev.corral.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import dev.corral.client.EventJson;
import dev.corral.client.Origin;
import java.nio.charset.StandardCharsets;

/**
 * Writes each event as one line of Corral's canonical JSON (see {@link dev.corral.client.EventJson}), for any
 * Logback appender: a {@code ConsoleAppender} in a container whose output a shipper collects, a file that
 * {@code corral ship} tails.
 *
 * <pre>{@code
 * <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
 *   <encoder class="dev.corral.logback.CorralJsonEncoder">
 *     <service>checkout</service>
 *     <environment>prod</environment>
 *   </encoder>
 * </appender>
 * }</pre>
 * Properties: {@code service}, {@code environment}, {@code version}, {@code host} (default: this machine's name).
 * Thread-safe once started, as Logback requires of encoders.
 */
public class CorralJsonEncoder extends EncoderBase<ILoggingEvent> {
  private final OriginProperties origin = new OriginProperties();
  private volatile Origin started;

  public void setService(String service) {
    origin.setService(service);
  }

  public void setEnvironment(String environment) {
    origin.setEnvironment(environment);
  }

  public void setVersion(String version) {
    origin.setVersion(version);
  }

  public void setHost(String host) {
    origin.setHost(host);
  }

  @Override
  public void start() {
    started = origin.origin();
    super.start();
  }

  @Override
  public byte[] headerBytes() {
    return null;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    Origin current = started != null ? started : origin.origin();
    StringBuilder line = new StringBuilder(256);
    EventJson.append(line, CanonicalEvents.of(event, current));
    return line.append('\n').toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public byte[] footerBytes() {
    return null;
  }
}
