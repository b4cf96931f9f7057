package dev.corral.pipeline.processors;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.Document;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorConfig;
import dev.corral.pipeline.ProcessorException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code kv}: {@code key=value} pairs of the field's text as fields. Options (Elasticsearch's):
 * {@code field}, {@code field_split} and {@code value_split} (regular expressions), {@code
 * target_field} (a prefix path; the top of the event when absent), {@code include_keys}, {@code
 * exclude_keys}, {@code prefix} (added to each key), {@code trim_key} and {@code trim_value}
 * (characters removed from both ends), {@code strip_brackets} (one pair of {@code () [] <> ""
 * ''} around a value removed), {@code ignore_missing}. A pair without the value separator is
 * skipped; a key seen twice becomes a list of its values. The document's limits bound how many
 * fields a hostile line can add.
 */
final class KeyValueSplit implements Processor {
  private final FieldOptions options;
  private final Pattern fieldSplit;
  private final Pattern valueSplit;
  private final Set<String> include;
  private final Set<String> exclude;
  private final String prefix;
  private final String trimKey;
  private final String trimValue;
  private final boolean stripBrackets;

  private KeyValueSplit(FieldOptions options, Pattern fieldSplit, Pattern valueSplit, Set<String> include,
      Set<String> exclude, String prefix, String trimKey, String trimValue, boolean stripBrackets) {
    this.options = options;
    this.fieldSplit = fieldSplit;
    this.valueSplit = valueSplit;
    this.include = include;
    this.exclude = exclude;
    this.prefix = prefix;
    this.trimKey = trimKey;
    this.trimValue = trimValue;
    this.stripBrackets = stripBrackets;
  }

  static Processor create(ProcessorConfig config) throws DefinitionException {
    String field = config.string("field");
    String target = config.optionalString("target_field").orElse(null);
    FieldOptions options = new FieldOptions(field, target, config.bool("ignore_missing", false));
    List<String> include = config.strings("include_keys");
    return new KeyValueSplit(options, regex(config, "field_split"), regex(config, "value_split"),
        include.isEmpty() ? null : Set.copyOf(include), Set.copyOf(config.strings("exclude_keys")),
        config.string("prefix", ""), config.string("trim_key", ""), config.string("trim_value", ""),
        config.bool("strip_brackets", false));
  }

  private static Pattern regex(ProcessorConfig config, String option) throws DefinitionException {
    String text = config.string(option);
    try {
      return Pattern.compile(text);
    } catch (PatternSyntaxException e) {
      throw config.invalid("option '" + option + "' is not a valid regular expression: " + e.getDescription());
    }
  }

  @Override
  public boolean process(Document document) throws ProcessorException {
    String text = options.text(document);
    if (text == null) {
      return true;
    }
    for (String pair : fieldSplit.split(text)) {
      String[] keyValue = valueSplit.split(pair, 2);
      if (keyValue.length < 2) {
        continue;
      }
      String key = trim(keyValue[0], trimKey);
      if (key.isEmpty() || (include != null && !include.contains(key)) || exclude.contains(key)) {
        continue;
      }
      String value = trim(keyValue[1], trimValue);
      if (stripBrackets) {
        value = stripBrackets(value);
      }
      String name = (options.target() == null ? "" : options.target() + ".") + prefix + key;
      Object earlier = document.get(name);
      if (earlier == null) {
        document.set(name, value);
      } else {
        List<Object> values = FieldLists.asList(earlier);
        values.add(value);
        document.set(name, values);
      }
    }
    return true;
  }

  private static String trim(String text, String characters) {
    if (characters.isEmpty()) {
      return text;
    }
    int start = 0;
    int end = text.length();
    while (start < end && characters.indexOf(text.charAt(start)) >= 0) {
      start++;
    }
    while (end > start && characters.indexOf(text.charAt(end - 1)) >= 0) {
      end--;
    }
    return text.substring(start, end);
  }

  private static String stripBrackets(String value) {
    if (value.length() < 2) {
      return value;
    }
    char first = value.charAt(0);
    char last = value.charAt(value.length() - 1);
    boolean pair = (first == '(' && last == ')') || (first == '[' && last == ']') || (first == '<' && last == '>')
        || (first == '"' && last == '"') || (first == '\'' && last == '\'');
    return pair ? value.substring(1, value.length() - 1) : value;
  }
}
