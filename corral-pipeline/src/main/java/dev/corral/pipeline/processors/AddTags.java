package dev.corral.pipeline.processors;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorConfig;
import java.util.List;

/**
 * {@code tag}: each of {@code tags} added to the list in {@code field} ({@code tags} by default)
 * unless already there, e.g. {@code {tag: {tags: [slow_request], if: "duration_ms:>1000"}}}. Tags
 * may hold {@code {{field}}} references.
 */
final class AddTags {
  private AddTags() {}

  static Processor create(ProcessorConfig config) throws DefinitionException {
    List<String> tags = config.strings("tags");
    if (tags.isEmpty()) {
      throw config.invalid("option 'tags' is required (the tags to add)");
    }
    return new AppendValues(config.string("field", "tags"), Template.compileValue(tags), false);
  }
}
