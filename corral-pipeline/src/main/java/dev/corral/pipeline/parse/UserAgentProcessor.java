package dev.corral.pipeline.parse;

import dev.corral.pipeline.Document;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorException;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import ua_parser.Client;
import ua_parser.Parser;

/**
 * Parses a User-Agent header into the ECS fields {@code <target>.name}, {@code .version},
 * {@code .os.name}, {@code .os.version}, {@code .os.full}, {@code .device.name} and
 * {@code .original}, as Elasticsearch's {@code user_agent} processor does; what the parser does not
 * recognise is {@code Other}, as there. Results are cached, since the same few thousand strings make
 * most of a site's traffic. Immutable; safe on several threads at once.
 */
final class UserAgentProcessor implements Processor {
  /** Distinct User-Agent strings kept parsed: a busy site's head of traffic fits, at ~1 KB each. */
  static final int CACHE_ENTRIES = 10_000;

  /** How much of a header is parsed: real ones stay under 512 chars; longer ones are junk or attacks. */
  static final int MAX_PARSED_CHARS = 1024;

  private static final String OTHER = "Other";

  private static final LruCache<String, ParsedAgent> CACHE = new LruCache<>(CACHE_ENTRIES);

  /** ua-parser's parser, loaded (~0.5 s for its regexes on a loaded host) when the first processor runs. */
  private static final class Shared {
    static final Parser PARSER = new Parser();
  }

  /** What the parser found, versions joined with dots; null where it found nothing. */
  record ParsedAgent(String name, String version, String osName, String osVersion, String device) {}

  private final String field;
  private final String target;
  private final Set<UserAgentFactory.Property> properties;
  private final boolean ignoreMissing;

  UserAgentProcessor(String field, String target, Set<UserAgentFactory.Property> properties, boolean ignoreMissing) {
    this.field = field;
    this.target = target;
    this.properties = properties.isEmpty() ? Set.of() : EnumSet.copyOf(properties);
    this.ignoreMissing = ignoreMissing;
  }

  @Override
  public boolean process(Document document) throws ProcessorException {
    String header = InputField.text(document, field, ignoreMissing);
    if (header == null) {
      return true;
    }
    ParsedAgent agent = parse(header);
    for (UserAgentFactory.Property property : properties) {
      switch (property) {
        case NAME -> document.set(target + ".name", orOther(agent.name()));
        case VERSION -> setIfPresent(document, target + ".version", agent.version());
        case OS -> {
          document.set(target + ".os.name", orOther(agent.osName()));
          if (agent.osName() != null && agent.osVersion() != null) {
            document.set(target + ".os.version", agent.osVersion());
            document.set(target + ".os.full", agent.osName() + " " + agent.osVersion());
          }
        }
        case DEVICE -> document.set(target + ".device.name", orOther(agent.device()));
        case ORIGINAL -> document.set(target + ".original", header);
      }
    }
    return true;
  }

  /** The parse of {@code header} (its first {@value #MAX_PARSED_CHARS} chars), cached. */
  static ParsedAgent parse(String header) {
    String parsed = header.length() > MAX_PARSED_CHARS ? header.substring(0, MAX_PARSED_CHARS) : header;
    return CACHE.get(parsed, UserAgentProcessor::parseUncached);
  }

  private static ParsedAgent parseUncached(String header) {
    Client client = Shared.PARSER.parse(header);
    return new ParsedAgent(
        known(client.userAgent == null ? null : client.userAgent.family),
        client.userAgent == null ? null : dotted(client.userAgent.major, client.userAgent.minor, client.userAgent.patch),
        known(client.os == null ? null : client.os.family),
        client.os == null ? null : dotted(client.os.major, client.os.minor, client.os.patch, client.os.patchMinor),
        known(client.device == null ? null : client.device.family));
  }

  private static String known(String family) {
    return family == null || family.equals(OTHER) ? null : family;
  }

  private static String dotted(String... parts) {
    String joined = Stream.of(parts).takeWhile(part -> part != null && !part.isEmpty()).collect(Collectors.joining("."));
    return joined.isEmpty() ? null : joined;
  }

  private static String orOther(String value) {
    return value == null ? OTHER : value;
  }

  private static void setIfPresent(Document document, String name, String value) {
    if (value != null) {
      document.set(name, value);
    }
  }
}
