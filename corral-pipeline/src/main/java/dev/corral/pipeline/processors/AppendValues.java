package dev.corral.pipeline.processors;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.Document;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorConfig;
import dev.corral.pipeline.ProcessorException;
import java.util.List;

/**
 * {@code append}: {@code value} (one value or a list; text may hold {@code {{field}}} references)
 * added to the list in {@code field}, which is created when absent and made a list when it holds
 * one value. {@code allow_duplicates: false} skips values already there.
 */
final class AppendValues implements Processor {
  private final String field;
  private final Object value;
  private final boolean allowDuplicates;

  AppendValues(String field, Object value, boolean allowDuplicates) {
    this.field = field;
    this.value = value;
    this.allowDuplicates = allowDuplicates;
  }

  static Processor create(ProcessorConfig config) throws DefinitionException {
    String field = config.string("field");
    if (!config.has("value")) {
      throw config.invalid("option 'value' is required");
    }
    return new AppendValues(field, Template.compileValue(config.raw("value").orElse(null)),
        config.bool("allow_duplicates", true));
  }

  @Override
  public boolean process(Document document) throws ProcessorException {
    List<Object> values = FieldLists.asList(document.get(field));
    for (Object item : FieldLists.asList(Template.renderValue(value, document))) {
      if (allowDuplicates || !values.contains(item)) {
        values.add(item);
      }
    }
    document.set(field, values);
    return true;
  }
}
