package dev.corral.pipeline.parse;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorConfig;
import dev.corral.pipeline.ProcessorFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds processors from options written inline, as a pipeline definition would give them. */
final class Definitions {
  private Definitions() {}

  /** The processor {@code factory} builds from {@code keysAndValues} (option, value, option, value, ...). */
  static Processor build(ProcessorFactory factory, Object... keysAndValues) throws DefinitionException {
    Map<String, Object> options = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      options.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return factory.create(new ProcessorConfig("pipeline 'test', processor 1", options));
  }
}
