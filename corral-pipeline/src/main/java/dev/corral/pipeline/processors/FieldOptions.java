package dev.corral.pipeline.processors;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.Document;
import dev.corral.pipeline.ProcessorConfig;
import dev.corral.pipeline.ProcessorException;

/**
 * The options most processors share, with Elasticsearch's names and meaning: {@code field} (read),
 * {@code target_field} (written; the field itself when absent) and {@code ignore_missing} (a
 * missing or null field leaves the event as it is instead of failing it).
 */
record FieldOptions(String field, String target, boolean ignoreMissing) {
  /** Reads {@code field}, {@code target_field} and {@code ignore_missing}. */
  static FieldOptions read(ProcessorConfig config) throws DefinitionException {
    String field = config.string("field");
    return new FieldOptions(field, config.string("target_field", field), config.bool("ignore_missing", false));
  }

  /** Reads {@code field} and {@code ignore_missing}; the target is the field. */
  static FieldOptions readInPlace(ProcessorConfig config) throws DefinitionException {
    String field = config.string("field");
    return new FieldOptions(field, field, config.bool("ignore_missing", false));
  }

  /**
   * The field's value, or null when it is missing or null and {@code ignore_missing} is set (the
   * processor then does nothing).
   *
   * @throws ProcessorException when it is missing or null without {@code ignore_missing}
   */
  Object value(Document document) throws ProcessorException {
    Object value = document.get(field);
    if (value == null && !ignoreMissing) {
      throw missing(field, document);
    }
    return value;
  }

  /** The field's text (a string; a number or boolean is refused), or null as {@link #value}. */
  String text(Document document) throws ProcessorException {
    Object value = value(document);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw new ProcessorException("field '" + field + "' is " + dev.corral.pipeline.FieldValues.describe(value)
        + ", not text");
  }

  static ProcessorException missing(String field, Document document) {
    return new ProcessorException("field '" + field + "' is " + (document.has(field) ? "null" : "missing"));
  }
}
