package dev.corral.pipeline.processors;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.Document;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorConfig;
import dev.corral.pipeline.ProcessorException;
import java.util.List;
import java.util.Map;

/**
 * {@code set} (Elasticsearch's): {@code field} set to {@code value} (text with {@code {{field}}}
 * references, a number, a boolean, a list, or a map set as dotted fields) or to a copy of the
 * field {@code copy_from} with its type and its sub-fields. {@code override: false} leaves a field
 * that has a non-null value; {@code ignore_empty_value} does nothing when the value is null or
 * empty text. {@code copy} is the same processor with {@code field} the source and {@code
 * target_field} the copy.
 */
final class SetField implements Processor {
  private final String field;
  private final Object value;
  private final String copyFrom;
  private final boolean override;
  private final boolean ignoreEmpty;

  private SetField(String field, Object value, String copyFrom, boolean override, boolean ignoreEmpty) {
    this.field = field;
    this.value = value;
    this.copyFrom = copyFrom;
    this.override = override;
    this.ignoreEmpty = ignoreEmpty;
  }

  static Processor create(ProcessorConfig config) throws DefinitionException {
    String field = config.string("field");
    boolean hasValue = config.has("value");
    String copyFrom = config.optionalString("copy_from").orElse(null);
    if (hasValue == (copyFrom != null)) {
      throw config.invalid("exactly one of options 'value' and 'copy_from' is required");
    }
    Object value = hasValue ? Template.compileValue(config.raw("value").orElse(null)) : null;
    return new SetField(field, value, copyFrom, config.bool("override", true),
        config.bool("ignore_empty_value", false));
  }

  /** A {@code set} of {@code value} (compiled as a template) into {@code field}. */
  static Processor of(String field, Object value, boolean override) {
    return new SetField(field, Template.compileValue(value), null, override, false);
  }

  /** {@code copy}: {@code field} copied to {@code target_field}, sub-fields included. */
  static Processor copy(ProcessorConfig config) throws DefinitionException {
    String from = config.string("field");
    String to = config.string("target_field");
    boolean ignoreMissing = config.bool("ignore_missing", false);
    boolean override = config.bool("override", true);
    Processor set = new SetField(to, null, from, override, false);
    return document -> {
      if (!ignoreMissing && FieldTree.names(document, from).isEmpty()) {
        throw FieldOptions.missing(from, document);
      }
      return set.process(document);
    };
  }

  @Override
  public boolean process(Document document) throws ProcessorException {
    if (!override && document.get(field) != null) {
      return true;
    }
    if (copyFrom != null) {
      copy(document);
      return true;
    }
    Object rendered = Template.renderValue(value, document);
    if (ignoreEmpty && (rendered == null || "".equals(rendered))) {
      return true;
    }
    if (rendered instanceof Map<?, ?> || rendered instanceof List<?>) {
      Flattener.put(document, field, rendered);
    } else {
      document.set(field, rendered);
    }
    return true;
  }

  private void copy(Document document) {
    List<String> names = FieldTree.names(document, copyFrom);
    if (names.isEmpty() && ignoreEmpty) {
      return;
    }
    for (String name : names) {
      document.set(FieldTree.moved(name, copyFrom, field), document.get(name));
    }
  }
}
