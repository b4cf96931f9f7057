package dev.corral.pipeline.parse;

import dev.corral.pipeline.Document;
import dev.corral.pipeline.ProcessorException;

/** Reading the field a processor works on, with Elasticsearch's {@code ignore_missing} rule. Stateless. */
final class InputField {
  private InputField() {}

  /**
   * The text of {@code field} (a number or boolean printed); {@code null} when the field is absent
   * or null and {@code ignoreMissing} is set, so the processor leaves the event unchanged.
   *
   * @throws ProcessorException when the field is absent or null and {@code ignoreMissing} is not set
   */
  static String text(Document document, String field, boolean ignoreMissing) throws ProcessorException {
    String text = document.getString(field);
    if (text == null && !ignoreMissing) {
      throw missing(field);
    }
    return text;
  }

  /** Elasticsearch's message for a missing field. */
  static ProcessorException missing(String field) {
    return new ProcessorException("field [" + field + "] not present as part of path [" + field + "]");
  }
}
