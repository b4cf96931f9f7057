package dev.corral.pipeline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The options of one processor in a definition ({@code {field: message, patterns: [...],
 * ignore_missing: true}}), read through typed getters whose errors name the pipeline, the
 * processor and the option: {@code pipeline 'nginx', processor 2 (grok): option 'patterns' must
 * be a list of strings, got 42}. A factory reads the options it knows, then calls {@link
 * #requireAllRead()} so that a misspelt option is an error, not silently ignored. Not thread-safe:
 * used by one factory while it builds one processor.
 */
public final class ProcessorConfig {
  private final String where;
  private final Map<String, Object> options;
  private final Set<String> read = new HashSet<>();

  /**
   * @param where the pipeline and processor, for messages, e.g. {@code pipeline 'nginx', processor 2 (grok)}
   * @param options the processor's options as parsed from YAML or JSON (the options every processor
   *     takes, such as {@code if} and {@code on_failure}, already taken out by the pipeline)
   */
  public ProcessorConfig(String where, Map<String, ?> options) {
    this.where = where;
    this.options = new LinkedHashMap<>(options);
  }

  /** The pipeline and processor these options belong to, for messages. */
  public String where() {
    return where;
  }

  /** A failure of this processor's definition, prefixed with {@link #where()}. */
  public DefinitionException invalid(String message) {
    return new DefinitionException(where + ": " + message);
  }

  /** Whether the option is present (even with a null value). */
  public boolean has(String option) {
    read.add(option);
    return options.containsKey(option);
  }

  /** The option's raw value (String, Number, Boolean, List, Map or null), or empty when absent. */
  public Optional<Object> raw(String option) {
    read.add(option);
    return Optional.ofNullable(options.get(option));
  }

  /** A required string option. */
  public String string(String option) throws DefinitionException {
    return optionalString(option).orElseThrow(() -> invalid("option '" + option + "' is required"));
  }

  /** A string option with a default. */
  public String string(String option, String defaultValue) throws DefinitionException {
    return optionalString(option).orElse(defaultValue);
  }

  /** An optional string option; a number or boolean is refused (write it quoted). */
  public Optional<String> optionalString(String option) throws DefinitionException {
    Optional<Object> value = raw(option);
    if (value.isPresent() && !(value.get() instanceof String)) {
      throw invalid("option '" + option + "' must be a string, got " + value.get());
    }
    return value.map(String.class::cast);
  }

  /** A list of strings; a single string counts as a list of one; absent is empty. */
  public List<String> strings(String option) throws DefinitionException {
    Optional<Object> value = raw(option);
    if (value.isEmpty()) {
      return List.of();
    }
    if (value.get() instanceof String single) {
      return List.of(single);
    }
    if (value.get() instanceof List<?> list) {
      List<String> strings = new ArrayList<>(list.size());
      for (Object item : list) {
        if (!(item instanceof String text)) {
          throw invalid("option '" + option + "' must be a list of strings, got " + item + " in it");
        }
        strings.add(text);
      }
      return List.copyOf(strings);
    }
    throw invalid("option '" + option + "' must be a string or a list of strings, got " + value.get());
  }

  /** A boolean option with a default; {@code "true"}/{@code "false"} as strings are taken too. */
  public boolean bool(String option, boolean defaultValue) throws DefinitionException {
    Optional<Object> value = raw(option);
    if (value.isEmpty()) {
      return defaultValue;
    }
    return switch (value.get()) {
      case Boolean b -> b;
      case String s when s.equals("true") || s.equals("false") -> Boolean.parseBoolean(s);
      default -> throw invalid("option '" + option + "' must be true or false, got " + value.get());
    };
  }

  /** A whole-number option with a default, within {@code min..max}. */
  public long integer(String option, long defaultValue, long min, long max) throws DefinitionException {
    Optional<Object> value = raw(option);
    long number;
    if (value.isEmpty()) {
      return defaultValue;
    } else if (value.get() instanceof Number n && n.doubleValue() == n.longValue()) {
      number = n.longValue();
    } else if (value.get() instanceof String s && s.matches("-?\\d{1,18}")) {
      number = Long.parseLong(s);
    } else {
      throw invalid("option '" + option + "' must be a whole number, got " + value.get());
    }
    if (number < min || number > max) {
      throw invalid("option '" + option + "' is " + number + ", must be " + min + ".." + max);
    }
    return number;
  }

  /** A map option (e.g. grok's {@code pattern_definitions}); absent is empty; keys are strings. */
  public Map<String, Object> map(String option) throws DefinitionException {
    Optional<Object> value = raw(option);
    if (value.isEmpty()) {
      return Map.of();
    }
    if (!(value.get() instanceof Map<?, ?> map)) {
      throw invalid("option '" + option + "' must be a map, got " + value.get());
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      copy.put(String.valueOf(entry.getKey()), entry.getValue());
    }
    return copy;
  }

  /**
   * Refuses options no getter asked for: a misspelt option ({@code ignore_mising}) is an error
   * naming it and the options this processor knows.
   */
  public void requireAllRead() throws DefinitionException {
    List<String> unknown = options.keySet().stream().filter(option -> !read.contains(option)).toList();
    if (!unknown.isEmpty()) {
      throw invalid("unknown option" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
          + " (this processor takes " + String.join(", ", read.stream().sorted().toList()) + ")");
    }
  }
}
