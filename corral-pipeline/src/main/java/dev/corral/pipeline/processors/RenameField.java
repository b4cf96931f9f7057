package dev.corral.pipeline.processors;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.Document;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorConfig;
import dev.corral.pipeline.ProcessorException;
import java.util.List;

/**
 * {@code rename}: {@code field} (with the fields under it) moved to {@code target_field}. As in
 * Elasticsearch a target that already has a value fails the event unless {@code override}; a
 * missing field fails it unless {@code ignore_missing}. Renaming a canonical field ({@code
 * message}) empties it (its value moves).
 */
final class RenameField implements Processor {
  private final String field;
  private final String target;
  private final boolean ignoreMissing;
  private final boolean override;

  private RenameField(String field, String target, boolean ignoreMissing, boolean override) {
    this.field = field;
    this.target = target;
    this.ignoreMissing = ignoreMissing;
    this.override = override;
  }

  static Processor create(ProcessorConfig config) throws DefinitionException {
    String field = config.string("field");
    String target = config.string("target_field");
    if (field.equals(target)) {
      throw config.invalid("'field' and 'target_field' are both '" + field + "'");
    }
    return new RenameField(field, target, config.bool("ignore_missing", false), config.bool("override", false));
  }

  @Override
  public boolean process(Document document) throws ProcessorException {
    List<String> names = FieldTree.names(document, field);
    if (names.isEmpty()) {
      if (ignoreMissing) {
        return true;
      }
      throw FieldOptions.missing(field, document);
    }
    if (!override && document.get(target) != null) {
      throw new ProcessorException("field '" + target + "' already has a value; set override: true to replace it");
    }
    for (String name : names) {
      Object value = document.remove(name);
      document.set(FieldTree.moved(name, field, target), value);
    }
    return true;
  }
}
