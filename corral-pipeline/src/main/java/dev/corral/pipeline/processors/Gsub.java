package dev.corral.pipeline.processors;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorConfig;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code gsub}: every match of {@code pattern} (a Java regular expression, as in Elasticsearch) in
 * the field's text replaced by {@code replacement} ({@code $1} refers to a group). Options: {@code
 * field}, {@code pattern}, {@code replacement}, {@code target_field}, {@code ignore_missing}.
 */
final class Gsub {
  private Gsub() {}

  static Processor create(ProcessorConfig config) throws DefinitionException {
    String regex = config.string("pattern");
    String replacement = config.string("replacement");
    Pattern pattern;
    try {
      pattern = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw config.invalid("option 'pattern' is not a valid regular expression: " + e.getDescription()
          + " at index " + e.getIndex() + " in " + regex);
    }
    try {
      pattern.matcher("").replaceAll(replacement);
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw config.invalid("option 'replacement' '" + replacement + "' is invalid: " + e.getMessage());
    }
    return TextTransform.of(config, text -> {
      Matcher matcher = pattern.matcher(text);
      try {
        return matcher.replaceAll(replacement);
      } catch (IndexOutOfBoundsException e) {
        throw new dev.corral.pipeline.ProcessorException("replacement '" + replacement + "' refers to a group"
            + " the pattern has not: " + e.getMessage());
      }
    });
  }
}
