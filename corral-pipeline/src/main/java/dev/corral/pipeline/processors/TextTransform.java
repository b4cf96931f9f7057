package dev.corral.pipeline.processors;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.Document;
import dev.corral.pipeline.FieldValues;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorConfig;
import dev.corral.pipeline.ProcessorException;
import java.util.ArrayList;
import java.util.List;

/**
 * A change of one text field ({@code lowercase}, {@code uppercase}, {@code trim}, {@code
 * urldecode}, {@code gsub}): reads {@code field}, writes {@code target_field} (the field itself by
 * default), with {@code ignore_missing}. A list is changed item by item, as Elasticsearch does; a
 * number or boolean fails the event. Immutable.
 */
final class TextTransform implements Processor {
  /** The change of one text. */
  @FunctionalInterface
  interface TextFunction {
    String apply(String text) throws ProcessorException;
  }

  private final FieldOptions options;
  private final TextFunction function;

  private TextTransform(FieldOptions options, TextFunction function) {
    this.options = options;
    this.function = function;
  }

  /** A processor of {@code function} with the field options of {@code config}. */
  static Processor of(ProcessorConfig config, TextFunction function) throws DefinitionException {
    return new TextTransform(FieldOptions.read(config), function);
  }

  @Override
  public boolean process(Document document) throws ProcessorException {
    Object value = options.value(document);
    if (value == null) {
      return true;
    }
    if (value instanceof List<?> list) {
      List<Object> changed = new ArrayList<>(list.size());
      for (Object item : list) {
        changed.add(item == null ? null : function.apply(requireText(item)));
      }
      document.set(options.target(), changed);
    } else {
      document.set(options.target(), function.apply(requireText(value)));
    }
    return true;
  }

  private String requireText(Object value) throws ProcessorException {
    if (value instanceof String text) {
      return text;
    }
    throw new ProcessorException("field '" + options.field() + "' is " + FieldValues.describe(value) + ", not text");
  }
}
