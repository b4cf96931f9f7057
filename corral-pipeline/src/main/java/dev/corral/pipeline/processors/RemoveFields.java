package dev.corral.pipeline.processors;

import dev.corral.model.FieldNames;
import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.Document;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorConfig;
import dev.corral.pipeline.ProcessorException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code remove}: each of {@code field} (a name or a list) removed with the fields under it
 * ({@code http} removes {@code http.*}); or, with {@code keep}, every field but those (and the
 * canonical timestamp, level and message, which every event keeps). A missing field fails the
 * event unless {@code ignore_missing}.
 */
final class RemoveFields implements Processor {
  private final List<String> fields;
  private final Set<String> keep;
  private final boolean ignoreMissing;

  private RemoveFields(List<String> fields, Set<String> keep, boolean ignoreMissing) {
    this.fields = fields;
    this.keep = keep;
    this.ignoreMissing = ignoreMissing;
  }

  static Processor create(ProcessorConfig config) throws DefinitionException {
    List<String> fields = config.strings("field");
    List<String> keep = config.strings("keep");
    if (fields.isEmpty() == keep.isEmpty()) {
      throw config.invalid("exactly one of options 'field' and 'keep' is required");
    }
    return new RemoveFields(fields, keep.isEmpty() ? null : Set.copyOf(keep), config.bool("ignore_missing", false));
  }

  @Override
  public boolean process(Document document) throws ProcessorException {
    if (keep != null) {
      removeAllBut(document);
      return true;
    }
    for (String field : fields) {
      List<String> names = FieldTree.names(document, field);
      if (names.isEmpty() && !ignoreMissing) {
        throw FieldOptions.missing(field, document);
      }
      for (String name : names) {
        document.remove(name);
      }
    }
    return true;
  }

  private void removeAllBut(Document document) {
    Set<String> kept = new HashSet<>(List.of(FieldNames.TIMESTAMP, FieldNames.LEVEL, FieldNames.MESSAGE));
    for (String name : document.names()) {
      if (kept.contains(name) || keep.contains(name) || keptAsChild(name)) {
        continue;
      }
      document.remove(name);
    }
  }

  private boolean keptAsChild(String name) {
    for (String kept : keep) {
      if (name.startsWith(kept + ".")) {
        return true;
      }
    }
    return false;
  }
}
