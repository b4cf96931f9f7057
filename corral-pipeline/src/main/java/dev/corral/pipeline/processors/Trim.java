package dev.corral.pipeline.processors;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorConfig;

/** {@code trim}: whitespace removed from both ends of the field's text. Options: {@code field}, {@code target_field}, {@code ignore_missing}. */
final class Trim {
  private Trim() {}

  static Processor create(ProcessorConfig config) throws DefinitionException {
    return TextTransform.of(config, String::strip);
  }
}
