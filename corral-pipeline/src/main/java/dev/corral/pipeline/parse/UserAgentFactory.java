package dev.corral.pipeline.parse;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorConfig;
import dev.corral.pipeline.ProcessorFactory;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Builds {@code user_agent} processors, with Elasticsearch's options: {@code field} (required),
 * {@code target_field} ({@code user_agent} by default), {@code properties} (any of {@code name},
 * {@code version}, {@code os}, {@code device}, {@code original}; all by default) and
 * {@code ignore_missing}. The parser is ua-parser's, loaded once on first use. Stateless.
 */
public final class UserAgentFactory implements ProcessorFactory {
  /** The one instance, to register under the type name {@code user_agent}. */
  public static final UserAgentFactory FACTORY = new UserAgentFactory();

  /** The parts of a parsed User-Agent a processor may write. */
  enum Property { NAME, VERSION, OS, DEVICE, ORIGINAL }

  private UserAgentFactory() {}

  @Override
  public Processor create(ProcessorConfig config) throws DefinitionException {
    String field = config.string("field");
    String target = config.string("target_field", "user_agent");
    Set<Property> properties = EnumSet.allOf(Property.class);
    if (config.has("properties")) {
      properties.clear();
      for (String name : config.strings("properties")) {
        try {
          properties.add(Property.valueOf(name.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw config.invalid("option 'properties': unknown property '" + name + "' (known: name, version, os, device, original)");
        }
      }
    }
    boolean ignoreMissing = config.bool("ignore_missing", false);
    config.requireAllRead();
    return new UserAgentProcessor(field, target, properties, ignoreMissing);
  }
}
