package dev.corral.pipeline.processors;

import dev.corral.model.FieldNames;
import dev.corral.model.normalize.Utf8Text;
import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.Document;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorConfig;
import dev.corral.pipeline.ProcessorException;
import java.util.List;

/**
 * {@code truncate}: the text of each of {@code fields} cut to {@code max_chars} characters or
 * {@code max_bytes} UTF-8 bytes, never inside a character (a surrogate pair stays whole), and
 * {@code _truncated: true} set on the event when anything was cut. A field that is missing or not
 * text is passed over; with neither option the definition is refused.
 */
final class Truncate implements Processor {
  /** Upper bound of either option: the document's own size limit bounds any field far below it. */
  private static final long MAX_LIMIT = Integer.MAX_VALUE;

  private final List<String> fields;
  private final int maxChars;
  private final int maxBytes;

  private Truncate(List<String> fields, int maxChars, int maxBytes) {
    this.fields = fields;
    this.maxChars = maxChars;
    this.maxBytes = maxBytes;
  }

  static Processor create(ProcessorConfig config) throws DefinitionException {
    List<String> fields = config.strings("fields");
    if (fields.isEmpty()) {
      fields = config.strings("field");
    }
    if (fields.isEmpty()) {
      throw config.invalid("option 'fields' is required (the fields to cut)");
    }
    int maxChars = (int) config.integer("max_chars", -1, 1, MAX_LIMIT);
    int maxBytes = (int) config.integer("max_bytes", -1, 1, MAX_LIMIT);
    if ((maxChars < 0) == (maxBytes < 0)) {
      throw config.invalid("exactly one of options 'max_chars' and 'max_bytes' is required");
    }
    return new Truncate(fields, maxChars, maxBytes);
  }

  @Override
  public boolean process(Document document) throws ProcessorException {
    boolean cut = false;
    for (String field : fields) {
      if (document.get(field) instanceof String text) {
        String shorter = maxChars > 0 ? cutChars(text) : Utf8Text.truncate(text, maxBytes);
        if (shorter.length() < text.length()) {
          document.set(field, shorter);
          cut = true;
        }
      }
    }
    if (cut) {
      document.set(FieldNames.TRUNCATED, true);
    }
    return true;
  }

  private String cutChars(String text) {
    if (text.length() <= maxChars) {
      return text;
    }
    int end = text.offsetByCodePoints(0, Math.min(maxChars, text.codePointCount(0, text.length())));
    return end >= text.length() ? text : text.substring(0, end);
  }
}
