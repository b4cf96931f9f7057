package dev.corral.pipeline.parse;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorConfig;
import dev.corral.pipeline.ProcessorFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opensearch.grok.Grok;
import org.opensearch.grok.MatcherWatchdog;

/**
 * Builds {@code grok} processors, with Elasticsearch's options:
 *
 * <ul>
 *   <li>{@code field} (required): the text to match;
 *   <li>{@code patterns} (required): expressions tried in order, the first that matches wins;
 *   <li>{@code pattern_definitions}: patterns of this processor's own, by name (they win over
 *       bundled ones);
 *   <li>{@code ecs_compatibility}: {@code disabled} (the default, as Elasticsearch's: legacy
 *       names such as {@code clientip}) or {@code v1}: Corral's ECS versions of the Apache, syslog
 *       and Java stack-trace patterns capture into ECS names ({@code source.address},
 *       {@code http.response.status_code}); other patterns keep their legacy names;
 *   <li>{@code trace_match}: sets {@code _ingest._grok_match_index} to the index of the pattern
 *       that matched;
 *   <li>{@code ignore_missing}: a missing or null field leaves the event unchanged;
 *   <li>{@code timeout_millis} (Corral's): the time budget of one pattern on one event,
 *       {@value MatchBudget#DEFAULT_MILLIS} ms by default (Elasticsearch's
 *       {@code ingest.grok.watchdog.max_execution_time}).
 * </ul>
 *
 * Unknown patterns, cycles and expressions that do not compile are refused here, with the nearest
 * pattern name. Stateless.
 */
public final class GrokFactory implements ProcessorFactory {
  /** The one instance, to register under the type name {@code grok}. */
  public static final GrokFactory FACTORY = new GrokFactory();

  private GrokFactory() {}

  @Override
  public Processor create(ProcessorConfig config) throws DefinitionException {
    String field = config.string("field");
    List<String> patterns = config.strings("patterns");
    if (patterns.isEmpty()) {
      throw config.invalid("option 'patterns' is required: a list of at least one grok expression");
    }
    String ecs = config.string("ecs_compatibility", "disabled");
    GrokPatternBank bank = switch (ecs) {
      case "disabled" -> GrokPatternBank.with(GrokPatternBank.BUNDLED, definitions(config));
      case "v1" -> GrokPatternBank.with(GrokPatternBank.BUNDLED_ECS_V1, definitions(config));
      default -> throw config.invalid("option 'ecs_compatibility' is '" + ecs + "', must be disabled or v1");
    };
    boolean traceMatch = config.bool("trace_match", false);
    boolean ignoreMissing = config.bool("ignore_missing", false);
    long budget = config.integer("timeout_millis", MatchBudget.DEFAULT_MILLIS, 1, MatchBudget.MAX_MILLIS);
    config.requireAllRead();
    MatcherWatchdog watchdog = MatchBudget.watchdog(budget);
    List<Grok> compiled = new ArrayList<>(patterns.size());
    for (int i = 0; i < patterns.size(); i++) {
      compiled.add(compile(config, bank, patterns.get(i), i, watchdog));
    }
    return new GrokProcessor(field, compiled, patterns, traceMatch, ignoreMissing, budget);
  }

  private static Map<String, String> definitions(ProcessorConfig config) throws DefinitionException {
    Map<String, String> definitions = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : config.map("pattern_definitions").entrySet()) {
      if (!(entry.getValue() instanceof String expression)) {
        throw config.invalid("option 'pattern_definitions': " + entry.getKey() + " must be a string, got " + entry.getValue());
      }
      definitions.put(entry.getKey(), expression);
    }
    return definitions;
  }

  private static Grok compile(ProcessorConfig config, GrokPatternBank bank, String pattern, int index,
      MatcherWatchdog watchdog) throws DefinitionException {
    try {
      bank.expand(pattern);
      return new Grok(bank.patterns(), pattern, watchdog, message -> {});
    } catch (DefinitionException e) {
      throw config.invalid("pattern " + index + " '" + pattern + "': " + e.getMessage());
    } catch (RuntimeException e) {
      throw config.invalid("pattern " + index + " '" + pattern + "' does not compile: " + e.getMessage());
    }
  }
}
