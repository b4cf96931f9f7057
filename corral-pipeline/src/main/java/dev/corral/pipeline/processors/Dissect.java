package dev.corral.pipeline.processors;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.Document;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorConfig;
import dev.corral.pipeline.ProcessorException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code dissect} (Elasticsearch's and Logstash's): splits the field's text by the literal
 * delimiters of {@code pattern}, without regular expressions. In {@code %{...}}:
 *
 * <ul>
 *   <li>{@code %{name}} the text up to the next delimiter; the last key takes the rest;
 *   <li>{@code %{}} or {@code %{?name}} matched and skipped;
 *   <li>{@code %{+name}} appended to {@code name} with {@code append_separator} ({@code
 *       %{+name/2}} gives the order);
 *   <li>{@code %{*key}} and {@code %{&key}}: the first's value names a field, the second's is its value;
 *   <li>a {@code ->} suffix ({@code %{name->}}) skips repeats of the delimiter after it (padding).
 * </ul>
 *
 * A text that does not match (a delimiter not found, a different prefix) fails the event. Values
 * are text. Options: {@code field}, {@code pattern}, {@code append_separator}, {@code ignore_missing}.
 */
final class Dissect implements Processor {
  private record Key(String name, char modifier, int order, boolean padded, String delimiter) {}

  private final FieldOptions options;
  private final String pattern;
  private final String prefix;
  private final List<Key> keys;
  private final String appendSeparator;

  private Dissect(FieldOptions options, String pattern, String prefix, List<Key> keys, String appendSeparator) {
    this.options = options;
    this.pattern = pattern;
    this.prefix = prefix;
    this.keys = keys;
    this.appendSeparator = appendSeparator;
  }

  static Processor create(ProcessorConfig config) throws DefinitionException {
    FieldOptions options = FieldOptions.readInPlace(config);
    String pattern = config.string("pattern");
    String appendSeparator = config.string("append_separator", "");
    int first = pattern.indexOf("%{");
    if (first < 0) {
      throw config.invalid("option 'pattern' '" + pattern + "' has no %{key}");
    }
    List<Key> keys = new ArrayList<>();
    int at = first;
    while (at < pattern.length()) {
      int close = pattern.indexOf('}', at);
      if (close < 0) {
        throw config.invalid("option 'pattern' '" + pattern + "' has an unclosed %{ at index " + at);
      }
      String inside = pattern.substring(at + 2, close);
      int next = pattern.indexOf("%{", close + 1);
      String delimiter = pattern.substring(close + 1, next < 0 ? pattern.length() : next);
      if (delimiter.isEmpty() && next >= 0) {
        throw config.invalid("option 'pattern' '" + pattern + "' has two keys with no delimiter between them at index "
            + (close + 1));
      }
      keys.add(key(inside, delimiter, config));
      at = next < 0 ? pattern.length() : next;
    }
    return new Dissect(options, pattern, pattern.substring(0, first), List.copyOf(keys), appendSeparator);
  }

  private static Key key(String inside, String delimiter, ProcessorConfig config) throws DefinitionException {
    boolean padded = inside.endsWith("->");
    String name = padded ? inside.substring(0, inside.length() - 2) : inside;
    char modifier = !name.isEmpty() && "+?*&".indexOf(name.charAt(0)) >= 0 ? name.charAt(0) : ' ';
    if (modifier != ' ') {
      name = name.substring(1);
    }
    int order = 0;
    int slash = name.lastIndexOf('/');
    if (modifier == '+' && slash >= 0) {
      try {
        order = Integer.parseInt(name.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw config.invalid("key '%{" + inside + "}' has an order that is no number");
      }
      name = name.substring(0, slash);
    }
    if (name.isEmpty() && modifier != ' ' && modifier != '?') {
      throw config.invalid("key '%{" + inside + "}' has no name");
    }
    return new Key(name, modifier, order, padded, delimiter);
  }

  @Override
  public boolean process(Document document) throws ProcessorException {
    String text = options.text(document);
    if (text == null) {
      return true;
    }
    if (!text.startsWith(prefix)) {
      throw noMatch("it does not start with '" + prefix + "'");
    }
    int at = prefix.length();
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, TreeMap<Integer, List<String>>> appended = new LinkedHashMap<>();
    Map<String, String> referenceNames = new LinkedHashMap<>();
    Map<String, String> referenceValues = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      Key key = keys.get(i);
      String value;
      if (key.delimiter().isEmpty()) {
        value = text.substring(at);
        at = text.length();
      } else {
        int end = text.indexOf(key.delimiter(), at);
        if (end < 0) {
          throw noMatch("delimiter '" + key.delimiter() + "' after %{" + key.name() + "} not found");
        }
        value = text.substring(at, end);
        at = end + key.delimiter().length();
        while (key.padded() && text.startsWith(key.delimiter(), at)) {
          at += key.delimiter().length();
        }
      }
      switch (key.modifier()) {
        case '?' -> { }
        case '+' -> appended.computeIfAbsent(key.name(), n -> new TreeMap<>())
            .computeIfAbsent(key.order(), o -> new ArrayList<>()).add(value);
        case '*' -> referenceNames.put(key.name(), value);
        case '&' -> referenceValues.put(key.name(), value);
        default -> {
          if (!key.name().isEmpty()) {
            if (values.containsKey(key.name()) || appended.containsKey(key.name())) {
              appended.computeIfAbsent(key.name(), n -> new TreeMap<>()).computeIfAbsent(0, o -> new ArrayList<>())
                  .add(value);
            } else {
              values.put(key.name(), value);
            }
          }
        }
      }
    }
    write(document, values, appended, referenceNames, referenceValues);
    return true;
  }

  private void write(Document document, Map<String, String> values, Map<String, TreeMap<Integer, List<String>>> appended,
      Map<String, String> referenceNames, Map<String, String> referenceValues) throws ProcessorException {
    for (Map.Entry<String, TreeMap<Integer, List<String>>> entry : appended.entrySet()) {
      List<String> parts = new ArrayList<>();
      String first = values.remove(entry.getKey());
      if (first != null) {
        parts.add(first);
      }
      entry.getValue().values().forEach(parts::addAll);
      values.put(entry.getKey(), String.join(appendSeparator, parts));
    }
    for (Map.Entry<String, String> reference : referenceNames.entrySet()) {
      String value = referenceValues.get(reference.getKey());
      if (value == null) {
        throw noMatch("%{*" + reference.getKey() + "} has no %{&" + reference.getKey() + "}");
      }
      values.put(reference.getValue(), value);
    }
    for (Map.Entry<String, String> value : values.entrySet()) {
      document.set(value.getKey(), value.getValue());
    }
  }

  private ProcessorException noMatch(String why) {
    return new ProcessorException("pattern '" + pattern + "' does not match field '" + options.field() + "': " + why);
  }
}
