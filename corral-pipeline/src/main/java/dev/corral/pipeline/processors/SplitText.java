package dev.corral.pipeline.processors;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.Document;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorConfig;
import dev.corral.pipeline.ProcessorException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code split}: the field's text split by {@code separator} (a regular expression, as in
 * Elasticsearch) into a list; empty trailing items are dropped unless {@code preserve_trailing}.
 * Options: {@code field}, {@code separator}, {@code target_field}, {@code ignore_missing}.
 */
final class SplitText implements Processor {
  private final FieldOptions options;
  private final Pattern separator;
  private final boolean preserveTrailing;

  private SplitText(FieldOptions options, Pattern separator, boolean preserveTrailing) {
    this.options = options;
    this.separator = separator;
    this.preserveTrailing = preserveTrailing;
  }

  static Processor create(ProcessorConfig config) throws DefinitionException {
    FieldOptions options = FieldOptions.read(config);
    String separator = config.string("separator");
    try {
      return new SplitText(options, Pattern.compile(separator), config.bool("preserve_trailing", false));
    } catch (PatternSyntaxException e) {
      throw config.invalid("option 'separator' is not a valid regular expression: " + e.getDescription());
    }
  }

  @Override
  public boolean process(Document document) throws ProcessorException {
    String text = options.text(document);
    if (text == null) {
      return true;
    }
    List<Object> parts = Arrays.asList((Object[]) separator.split(text, preserveTrailing ? -1 : 0));
    document.set(options.target(), parts);
    return true;
  }
}
