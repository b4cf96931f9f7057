package dev.corral.pipeline.processors;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorConfig;

/** {@code drop}: the event is dropped (not stored); given an {@code if}, only the events it selects. No options. */
final class Drop {
  private Drop() {}

  static Processor create(ProcessorConfig config) throws DefinitionException {
    config.requireAllRead();
    return document -> false;
  }
}
