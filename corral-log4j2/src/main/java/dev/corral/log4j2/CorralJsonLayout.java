package dev.corral.log4j2;

import dev.corral.client.EventJson;
import dev.corral.client.Origin;
import java.nio.charset.StandardCharsets;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.Node;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;
import org.apache.logging.log4j.core.layout.AbstractStringLayout;

/**
 * The Log4j 2 layout {@code <CorralJsonLayout>}: each event as one line of Corral's canonical JSON (see
 * {@link dev.corral.client.EventJson}), for any appender: a console in a container whose output a shipper
 * collects, a file that {@code corral ship} tails.
 *
 * <pre>{@code
 * <Console name="stdout"><CorralJsonLayout service="checkout" environment="prod"/></Console>
 * }</pre>
 * Attributes: {@code service}, {@code environment}, {@code version}, {@code host} (default: this machine's name).
 */
@Plugin(name = "CorralJsonLayout", category = Node.CATEGORY, elementType = Layout.ELEMENT_TYPE, printObject = true)
public final class CorralJsonLayout extends AbstractStringLayout {
  private final Origin origin;

  private CorralJsonLayout(Origin origin) {
    super(StandardCharsets.UTF_8);
    this.origin = origin;
  }

  @PluginFactory
  public static CorralJsonLayout createLayout(@PluginAttribute("service") String service,
      @PluginAttribute("environment") String environment, @PluginAttribute("version") String version,
      @PluginAttribute("host") String host) {
    return new CorralJsonLayout(OriginAttributes.origin(service, environment, version, host));
  }

  @Override
  public String toSerializable(LogEvent event) {
    StringBuilder line = getStringBuilder();
    EventJson.append(line, CanonicalEvents.of(event, origin));
    return line.append('\n').toString();
  }

  @Override
  public String getContentType() {
    return "application/x-ndjson";
  }
}
