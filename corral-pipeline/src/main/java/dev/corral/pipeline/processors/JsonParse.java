package dev.corral.pipeline.processors;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.Document;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorConfig;
import dev.corral.pipeline.ProcessorException;
import java.io.IOException;
import java.util.Map;

/**
 * {@code json}: the field's text parsed as JSON. An object's members become dotted fields under
 * {@code target_field} (the field itself by default, replacing the text), or at the top of the
 * event with {@code add_to_root: true}; another value is set as it is. A duplicate key fails the
 * event unless {@code allow_duplicate_keys} (the last wins). Nesting deeper than 20 levels or text
 * that is not JSON fails the event. Options: {@code field}, {@code target_field}, {@code
 * add_to_root}, {@code allow_duplicate_keys}, {@code ignore_missing}.
 */
final class JsonParse implements Processor {
  private final FieldOptions options;
  private final boolean addToRoot;
  private final boolean allowDuplicateKeys;

  private JsonParse(FieldOptions options, boolean addToRoot, boolean allowDuplicateKeys) {
    this.options = options;
    this.addToRoot = addToRoot;
    this.allowDuplicateKeys = allowDuplicateKeys;
  }

  static Processor create(ProcessorConfig config) throws DefinitionException {
    boolean targetGiven = config.has("target_field");
    FieldOptions options = FieldOptions.read(config);
    boolean addToRoot = config.bool("add_to_root", false);
    if (addToRoot && targetGiven) {
      throw config.invalid("options 'add_to_root' and 'target_field' exclude each other");
    }
    return new JsonParse(options, addToRoot, config.bool("allow_duplicate_keys", false));
  }

  @Override
  public boolean process(Document document) throws ProcessorException {
    String text = options.text(document);
    if (text == null) {
      return true;
    }
    Object parsed;
    try {
      parsed = JsonValues.parse(text, allowDuplicateKeys);
    } catch (IOException e) {
      throw new ProcessorException("field '" + options.field() + "' is not JSON: " + firstLine(e.getMessage()));
    }
    if (addToRoot) {
      if (!(parsed instanceof Map<?, ?>)) {
        throw new ProcessorException("field '" + options.field() + "' holds JSON that is no object; add_to_root"
            + " needs an object");
      }
      Flattener.put(document, "", parsed);
      return true;
    }
    if (options.target().equals(options.field()) && parsed instanceof Map<?, ?>) {
      document.remove(options.field());
    }
    Flattener.put(document, options.target(), parsed);
    return true;
  }

  private static String firstLine(String message) {
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }
}
