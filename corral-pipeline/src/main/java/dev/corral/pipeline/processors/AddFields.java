package dev.corral.pipeline.processors;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.Document;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorConfig;
import dev.corral.pipeline.ProcessorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code add_field}: each field of {@code fields} set to its value (text may hold {@code {{field}}}
 * references), e.g. {@code {add_field: {fields: {alert_severity: high}, if: "level:ERROR"}}}, as
 * Logstash's {@code add_field}. {@code override: false} leaves fields that have a value.
 */
final class AddFields implements Processor {
  private final List<Processor> sets;

  private AddFields(List<Processor> sets) {
    this.sets = sets;
  }

  static Processor create(ProcessorConfig config) throws DefinitionException {
    Map<String, Object> fields = config.map("fields");
    if (fields.isEmpty()) {
      throw config.invalid("option 'fields' is required (a map of field names to values)");
    }
    boolean override = config.bool("override", true);
    List<Processor> sets = new ArrayList<>(fields.size());
    for (Map.Entry<String, Object> field : fields.entrySet()) {
      sets.add(SetField.of(field.getKey(), field.getValue(), override));
    }
    return new AddFields(List.copyOf(sets));
  }

  @Override
  public boolean process(Document document) throws ProcessorException {
    for (Processor set : sets) {
      set.process(document);
    }
    return true;
  }
}
