package dev.corral.pipeline.processors;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.Document;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorConfig;
import dev.corral.pipeline.ProcessorException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds one built-in processor from options given as name, value pairs, as a definition would. */
final class TestProcessors {
  private TestProcessors() {}

  static Processor create(String type, Object... optionPairs) throws DefinitionException {
    Map<String, Object> options = new LinkedHashMap<>();
    for (int i = 0; i < optionPairs.length; i += 2) {
      options.put((String) optionPairs[i], optionPairs[i + 1]);
    }
    ProcessorConfig config = new ProcessorConfig("pipeline 'p', processor 1 (" + type + ")", options);
    Processor processor = BuiltInProcessors.factories().get(type).create(config);
    config.requireAllRead();
    return processor;
  }

  /** Creates and runs the processor; returns what it returned. */
  static boolean run(Document document, String type, Object... optionPairs)
      throws DefinitionException, ProcessorException {
    return create(type, optionPairs).process(document);
  }
}
