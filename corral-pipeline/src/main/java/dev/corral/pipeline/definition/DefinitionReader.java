package dev.corral.pipeline.definition;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.corral.pipeline.DefinitionException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads pipeline definitions in their two forms into {@link PipelineDefinition}s:
 *
 * <ul>
 *   <li>Corral's YAML: {@code id}, {@code description}, {@code when} (a Corral filter selecting
 *       events by default), {@code multiline} (how raw lines are joined first), {@code processors},
 *       {@code on_failure};
 *   <li>an Elasticsearch ingest pipeline's JSON ({@code {"description": ..., "processors": [...],
 *       "on_failure": [...]}}), its id given from outside (the URL), {@code version} and {@code
 *       _meta} accepted and ignored.
 * </ul>
 *
 * <p>Processors are written as Elasticsearch writes them, a list of one-key maps {@code {<type>:
 * {options}}}; the options every processor takes ({@code if}, {@code on_failure}, {@code
 * ignore_failure}, {@code tag}, {@code description}) are read here. Every error is a {@link
 * DefinitionException} naming the pipeline, the line (from Jackson's location) and the processor's
 * position and type. Duplicate keys are refused. Stateless and thread-safe.
 */
public final class DefinitionReader {
  /** Longest pipeline id: ids appear in URLs and file names; Filebeat's are under 80 characters. */
  public static final int MAX_ID_LENGTH = 255;
  /** Most processors in one list: hand-written pipelines have tens; this bounds a generated one. */
  public static final int MAX_PROCESSORS = 1000;

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._@-]*");
  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .build();
  private static final JsonFactory YAML = YAMLFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final Set<String> YAML_KEYS = Set.of("id", "description", "when", "processors", "on_failure",
      "multiline");
  private static final Set<String> JSON_KEYS = Set.of("description", "processors", "on_failure", "version", "_meta");

  private DefinitionReader() {}

  /**
   * Reads Corral's YAML form.
   *
   * @param text the YAML text
   * @param source where it comes from, for messages (a file name), or the id the caller expects;
   *     the {@code id} key of the text is required
   */
  public static PipelineDefinition readYaml(String text, String source) throws DefinitionException {
    Located root = parse(YAML, text, "pipeline definition " + source);
    Map<String, Object> map = requireMap(root.value, "pipeline definition " + source + " at line 1",
        "must be a map with id and processors");
    Object id = map.get("id");
    if (!(id instanceof String name)) {
      throw new DefinitionException("pipeline definition " + source + " at line " + root.lineOf(map)
          + ": 'id' is required and must be text, got " + id);
    }
    return pipeline(validId(name, source), map, root, YAML_KEYS, false);
  }

  /** Reads an Elasticsearch ingest pipeline's JSON body, for the pipeline {@code id}. */
  public static PipelineDefinition readJson(String id, String text) throws DefinitionException {
    validId(id, "request");
    Located root = parse(JSON, text, "pipeline '" + id + "'");
    Map<String, Object> map = requireMap(root.value, "pipeline '" + id + "' at line 1",
        "must be a JSON object with \"processors\"");
    return pipeline(id, map, root, JSON_KEYS, true);
  }

  private static PipelineDefinition pipeline(String id, Map<String, Object> map, Located root, Set<String> keys,
      boolean painlessConditions) throws DefinitionException {
    String where = "pipeline '" + id + "'";
    for (String key : map.keySet()) {
      if (!keys.contains(key)) {
        throw new DefinitionException(where + " at line " + root.lineOf(map) + ": unknown key '" + key
            + "' (a pipeline takes " + String.join(", ", keys.stream().sorted().toList()) + ")");
      }
    }
    if (!map.containsKey("processors")) {
      throw new DefinitionException(where + " at line " + root.lineOf(map) + ": 'processors' is required");
    }
    List<ProcessorDefinition> processors = processors(map.get("processors"), where, "processor", root, map);
    List<ProcessorDefinition> onFailure = map.containsKey("on_failure")
        ? processors(map.get("on_failure"), where, "on_failure processor", root, map) : List.of();
    MultilineDefinition multiline = null;
    if (map.containsKey("multiline")) {
      Object block = map.get("multiline");
      String at = where + ", multiline at line " + root.lineOf(block == null ? map : block);
      multiline = new MultilineDefinition(at, requireMap(block, at, "must be a map of options (preset: java, or "
          + "start/continue patterns, max_lines, max_bytes, flush_timeout)"));
    }
    return new PipelineDefinition(id, text(map, "description", where, root), text(map, "when", where, root),
        processors, onFailure, painlessConditions, multiline);
  }

  private static List<ProcessorDefinition> processors(Object value, String where, String what, Located root,
      Object parent) throws DefinitionException {
    if (!(value instanceof List<?> list)) {
      throw new DefinitionException(where + " at line " + root.lineOf(parent) + ": the " + what
          + "s must be a list of {type: {options}}, got " + value);
    }
    if (list.size() > MAX_PROCESSORS) {
      throw new DefinitionException(where + " at line " + root.lineOf(parent) + ": " + list.size() + " " + what
          + "s, over the limit of " + MAX_PROCESSORS);
    }
    List<ProcessorDefinition> processors = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      processors.add(processor(list.get(i), where + ", " + what + " " + (i + 1), root, list));
    }
    return processors;
  }

  private static ProcessorDefinition processor(Object item, String position, Located root, Object parent)
      throws DefinitionException {
    if (!(item instanceof Map<?, ?> outer) || outer.size() != 1) {
      throw new DefinitionException(position + " at line " + root.lineOf(item == null ? parent : item)
          + ": a processor must be a map of one key, its type, to its options ({set: {field: x, value: y}}), got "
          + item);
    }
    Map.Entry<?, ?> entry = outer.entrySet().iterator().next();
    String type = String.valueOf(entry.getKey());
    String where = position + " (" + type + ") at line " + root.lineOf(item);
    Object body = entry.getValue();
    if (body == null) {
      body = Map.of();
    }
    Map<String, Object> options = new LinkedHashMap<>(requireMap(body, where, "its options must be a map"));
    String condition = commonText(options.remove("if"), "if", where);
    Object handlers = options.remove("on_failure");
    List<ProcessorDefinition> onFailure = handlers == null ? List.of()
        : processors(handlers, position + " (" + type + ")", "on_failure processor", root, body);
    Object ignore = options.remove("ignore_failure");
    if (ignore != null && !(ignore instanceof Boolean)) {
      throw new DefinitionException(where + ": option 'ignore_failure' must be true or false, got " + ignore);
    }
    String tag = commonText(options.remove("tag"), "tag", where);
    String description = commonText(options.remove("description"), "description", where);
    String named = tag == null ? where : position + " (" + type + ", tag '" + tag + "') at line " + root.lineOf(item);
    return new ProcessorDefinition(type, named, options, condition, onFailure, Boolean.TRUE.equals(ignore), tag,
        description);
  }

  private static String commonText(Object value, String option, String where) throws DefinitionException {
    if (value != null && !(value instanceof String)) {
      throw new DefinitionException(where + ": option '" + option + "' must be text, got " + value);
    }
    return (String) value;
  }

  private static String text(Map<String, Object> map, String key, String where, Located root)
      throws DefinitionException {
    Object value = map.get(key);
    if (value != null && !(value instanceof String)) {
      throw new DefinitionException(where + " at line " + root.lineOf(map) + ": '" + key + "' must be text, got "
          + value);
    }
    return (String) value;
  }

  private static String validId(String id, String source) throws DefinitionException {
    if (id.length() > MAX_ID_LENGTH || !ID.matcher(id).matches()) {
      throw new DefinitionException("pipeline definition " + source + ": id '"
          + (id.length() > 80 ? id.substring(0, 80) + "..." : id) + "' must be 1 to " + MAX_ID_LENGTH
          + " letters, digits and . _ @ - (not starting with . @ -)");
    }
    return id;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> requireMap(Object value, String where, String expected)
      throws DefinitionException {
    if (!(value instanceof Map<?, ?>)) {
      throw new DefinitionException(where + ": " + expected + ", got " + value);
    }
    return (Map<String, Object>) value;
  }

  private static Located parse(JsonFactory factory, String text, String what) throws DefinitionException {
    try (JsonParser parser = factory.createParser(text)) {
      Located located = new Located();
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new DefinitionException(what + " is empty");
      }
      located.value = located.read(parser);
      if (parser.nextToken() != null) {
        throw new DefinitionException(what + " at line " + parser.currentLocation().getLineNr()
            + ": more than one document; a definition is one map");
      }
      return located;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String line = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new DefinitionException(what + " is malformed" + line + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new DefinitionException(what + " cannot be read: " + e.getMessage(), e);
    }
  }

  /** A parsed document: plain Java values, and the line each map and list started on. */
  private static final class Located {
    private final Map<Object, Integer> lines = new IdentityHashMap<>();
    private Object value;

    int lineOf(Object node) {
      Integer line = node == null ? null : lines.get(node);
      return line == null ? 1 : line;
    }

    /** The value at the parser's current token (String, Long, Double, Boolean, List, Map or null). */
    Object read(JsonParser parser) throws IOException {
      int line = parser.currentTokenLocation().getLineNr();
      return switch (parser.currentToken()) {
        case START_OBJECT -> {
          Map<String, Object> map = new LinkedHashMap<>();
          lines.put(map, line);
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            map.put(name, read(parser));
          }
          yield map;
        }
        case START_ARRAY -> {
          List<Object> list = new ArrayList<>();
          lines.put(list, line);
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            list.add(read(parser));
          }
          yield list;
        }
        case VALUE_STRING -> parser.getText();
        case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
            ? parser.getText() : parser.getLongValue();
        case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
        case VALUE_TRUE -> Boolean.TRUE;
        case VALUE_FALSE -> Boolean.FALSE;
        case VALUE_NULL -> null;
        default -> throw new IllegalStateException("BUG: unexpected token " + parser.currentToken());
      };
    }
  }
}
