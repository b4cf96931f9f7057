package dev.corral.pipeline.processors;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.Document;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorConfig;
import dev.corral.pipeline.ProcessorException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code csv}: one line of comma-separated values in the field into {@code target_fields}, in
 * order. Options (Elasticsearch's): {@code field}, {@code target_fields}, {@code separator}
 * (one character, {@code ,}), {@code quote} (one character, {@code "}; doubled inside a quoted
 * value), {@code trim} (spaces around unquoted values), {@code empty_value} (set for an empty
 * value; empty values are skipped without it), {@code ignore_missing}. Values beyond the target
 * fields are ignored; an unclosed quote fails the event.
 */
final class CsvSplit implements Processor {
  private final FieldOptions options;
  private final List<String> targets;
  private final char separator;
  private final char quote;
  private final boolean trim;
  private final Object emptyValue;

  private CsvSplit(FieldOptions options, List<String> targets, char separator, char quote, boolean trim,
      Object emptyValue) {
    this.options = options;
    this.targets = targets;
    this.separator = separator;
    this.quote = quote;
    this.trim = trim;
    this.emptyValue = emptyValue;
  }

  static Processor create(ProcessorConfig config) throws DefinitionException {
    FieldOptions options = FieldOptions.readInPlace(config);
    List<String> targets = config.strings("target_fields");
    if (targets.isEmpty()) {
      throw config.invalid("option 'target_fields' is required (the names of the values, in order)");
    }
    char separator = oneCharacter(config, "separator", ",");
    char quote = oneCharacter(config, "quote", "\"");
    return new CsvSplit(options, targets, separator, quote, config.bool("trim", false),
        config.raw("empty_value").orElse(null));
  }

  private static char oneCharacter(ProcessorConfig config, String option, String defaultValue)
      throws DefinitionException {
    String text = config.string(option, defaultValue);
    if (text.length() != 1) {
      throw config.invalid("option '" + option + "' must be one character, got '" + text + "'");
    }
    return text.charAt(0);
  }

  @Override
  public boolean process(Document document) throws ProcessorException {
    String line = options.text(document);
    if (line == null) {
      return true;
    }
    List<String> values = split(line);
    for (int i = 0; i < Math.min(values.size(), targets.size()); i++) {
      String value = values.get(i);
      if (!value.isEmpty()) {
        document.set(targets.get(i), value);
      } else if (emptyValue != null) {
        document.set(targets.get(i), emptyValue);
      }
    }
    return true;
  }

  private List<String> split(String line) throws ProcessorException {
    List<String> values = new ArrayList<>();
    StringBuilder value = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == quote && i + 1 < line.length() && line.charAt(i + 1) == quote) {
          value.append(quote);
          i++;
        } else if (c == quote) {
          quoted = false;
        } else {
          value.append(c);
        }
      } else if (c == quote && value.toString().isBlank()) {
        value.setLength(0);
        quoted = true;
        wasQuoted = true;
      } else if (wasQuoted && trim && Character.isWhitespace(c)) {
        continue;
      } else if (c == separator) {
        values.add(finish(value, wasQuoted));
        value.setLength(0);
        wasQuoted = false;
      } else {
        value.append(c);
      }
    }
    if (quoted) {
      throw new ProcessorException("field '" + options.field() + "' has an unclosed quote " + quote);
    }
    values.add(finish(value, wasQuoted));
    return values;
  }

  private String finish(StringBuilder value, boolean wasQuoted) {
    return trim && !wasQuoted ? value.toString().strip() : value.toString();
  }
}
