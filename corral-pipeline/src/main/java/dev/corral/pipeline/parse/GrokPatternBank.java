package dev.corral.pipeline.parse;

import dev.corral.pipeline.DefinitionException;
import dev.corral.query.NearestName;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opensearch.grok.Grok;

/**
 * The grok patterns a definition may refer to: the Logstash library OpenSearch's grok bundles
 * (COMBINEDAPACHELOG, SYSLOGLINE, IP, TIMESTAMP_ISO8601, ...), Corral's additions (the newer names
 * HTTPD_COMMONLOG, HTTPD_COMBINEDLOG) and a definition's own {@code pattern_definitions}, which win
 * over bundled ones of the same name. Expands an expression into a Joni regular expression whose
 * captures are numbered groups, for callers that need where each capture sits in the text.
 * Immutable.
 */
final class GrokPatternBank {
  /** The patterns every definition has, by name, with the legacy field names ({@code clientip}, {@code verb}). */
  static final Map<String, String> BUNDLED = read("corral-grok-patterns", Grok.BUILTIN_PATTERNS);

  /** The same with Corral's ECS versions of the most used ones ({@code source.address}, {@code http.request.method}). */
  static final Map<String, String> BUNDLED_ECS_V1 = read("corral-grok-patterns-ecs-v1", BUNDLED);

  /** How deep patterns may refer to patterns: the bundled library nests at most 8 deep; more is a cycle. */
  private static final int MAX_DEPTH = 100;

  private static final Pattern REFERENCE =
      Pattern.compile("%\\{(\\w+)(?::([^:}]+)(?::(int|long|float|double|boolean|string))?)?}");

  private final Map<String, String> patterns;

  private GrokPatternBank(Map<String, String> patterns) {
    this.patterns = Map.copyOf(patterns);
  }

  /** The legacy bundled patterns plus {@code definitions} (name to expression). */
  static GrokPatternBank with(Map<String, String> definitions) {
    return with(BUNDLED, definitions);
  }

  /** {@code bundled} ({@link #BUNDLED} or {@link #BUNDLED_ECS_V1}) plus {@code definitions}. */
  static GrokPatternBank with(Map<String, String> bundled, Map<String, String> definitions) {
    Map<String, String> all = new LinkedHashMap<>(bundled);
    all.putAll(definitions);
    return new GrokPatternBank(all);
  }

  /** All patterns by name, as the grok library takes them. */
  Map<String, String> patterns() {
    return patterns;
  }

  /** A capture of an expanded expression: the field it fills (dotted), its type, its group number. */
  record Capture(String field, String type, int group) {}

  /** An expression expanded to a plain regular expression with its captures. */
  record Expansion(String regex, List<Capture> captures) {}

  /**
   * Expands {@code expression}: each {@code %{NAME:field:type}} becomes group {@code _gN} around
   * NAME's expansion, each {@code %{NAME}} a non-capturing group.
   *
   * @throws DefinitionException naming an unknown pattern and the nearest known name, or a cycle
   */
  Expansion expand(String expression) throws DefinitionException {
    List<Capture> captures = new ArrayList<>();
    String regex = expand(expression, captures, 0, expression);
    return new Expansion(regex, List.copyOf(captures));
  }

  /** The name of capture group {@code n} in an {@link Expansion}'s regex. */
  static String groupName(int n) {
    return "_g" + n;
  }

  private String expand(String expression, List<Capture> captures, int depth, String top)
      throws DefinitionException {
    if (depth > MAX_DEPTH) {
      throw new DefinitionException("grok pattern " + top + " refers to itself (deeper than " + MAX_DEPTH + " patterns)");
    }
    Matcher reference = REFERENCE.matcher(expression);
    StringBuilder regex = new StringBuilder();
    int last = 0;
    while (reference.find()) {
      regex.append(expression, last, reference.start());
      String name = reference.group(1);
      String definition = patterns.get(name);
      if (definition == null) {
        throw new DefinitionException("unknown grok pattern %{" + name + "}" + nearest(name)
            .map(near -> " (did you mean " + near + "?)").orElse(""));
      }
      if (reference.group(2) == null) {
        regex.append("(?:").append(expand(definition, captures, depth + 1, name)).append(')');
      } else {
        int group = captures.size();
        String type = reference.group(3) == null ? "string" : reference.group(3);
        captures.add(new Capture(fieldName(reference.group(2)), type, group));
        regex.append("(?<").append(groupName(group)).append('>')
            .append(expand(definition, captures, depth + 1, name)).append(')');
      }
      last = reference.end();
    }
    return regex.append(expression.substring(last)).toString();
  }

  /** The known pattern name nearest to {@code name} (edit distance at most a third of its length). */
  Optional<String> nearest(String name) {
    int limit = Math.max(2, name.length() / 3);
    return patterns.keySet().stream()
        .map(known -> Map.entry(known, NearestName.distance(name.toUpperCase(Locale.ROOT), known)))
        .filter(entry -> entry.getValue() <= limit)
        .min(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue).thenComparing(Map.Entry::getKey))
        .map(Map.Entry::getKey);
  }

  /**
   * The flat dotted field name of a capture name: ECS-style bracket paths {@code [source][ip]}
   * become {@code source.ip}; dotted names stay as they are.
   */
  static String fieldName(String captureName) {
    if (!captureName.startsWith("[")) {
      return captureName;
    }
    return String.join(".", captureName.substring(1, captureName.length() - (captureName.endsWith("]") ? 1 : 0))
        .split("]\\["));
  }

  /** {@code base} overlaid with the patterns of the resource file {@code name} ("NAME expression" lines). */
  private static Map<String, String> read(String name, Map<String, String> base) {
    Map<String, String> all = new LinkedHashMap<>(base);
    try (InputStream in = GrokPatternBank.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("BUG: " + name + " missing from the class path");
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          int space = line.indexOf(' ');
          all.put(line.substring(0, space), line.substring(space + 1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + name, e);
    }
    return Map.copyOf(all);
  }
}
