package dev.corral.pipeline.processors;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorConfig;

/**
 * {@code route}: sets the field {@code stream} to {@code stream} (which may hold {@code {{field}}}
 * references), which retention rules can match: {@code {route: {stream: security, if:
 * "service:auth*"}}}. Given several, the last that runs wins.
 */
final class Route {
  /** The field retention rules read. */
  static final String STREAM = "stream";

  private Route() {}

  static Processor create(ProcessorConfig config) throws DefinitionException {
    String stream = config.string("stream");
    if (stream.isBlank()) {
      throw config.invalid("option 'stream' must not be empty");
    }
    return SetField.of(STREAM, stream, true);
  }
}
