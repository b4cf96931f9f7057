package dev.corral.pipeline.processors;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.Document;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorConfig;
import dev.corral.pipeline.ProcessorException;
import java.util.List;
import java.util.StringJoiner;

/**
 * {@code join}: the items of the list in {@code field} joined into one text with {@code
 * separator}; a single value counts as a list of one. Options: {@code field}, {@code separator},
 * {@code target_field}, {@code ignore_missing}.
 */
final class JoinList implements Processor {
  private final FieldOptions options;
  private final String separator;

  private JoinList(FieldOptions options, String separator) {
    this.options = options;
    this.separator = separator;
  }

  static Processor create(ProcessorConfig config) throws DefinitionException {
    return new JoinList(FieldOptions.read(config), config.string("separator"));
  }

  @Override
  public boolean process(Document document) throws ProcessorException {
    Object value = options.value(document);
    if (value == null) {
      return true;
    }
    List<Object> items = FieldLists.asList(value);
    StringJoiner joined = new StringJoiner(separator);
    for (Object item : items) {
      joined.add(String.valueOf(item));
    }
    document.set(options.target(), joined.toString());
    return true;
  }
}
