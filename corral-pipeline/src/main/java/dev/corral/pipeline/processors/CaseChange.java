package dev.corral.pipeline.processors;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorConfig;
import java.util.Locale;

/**
 * {@code lowercase} and {@code uppercase}: the field's text in lower or upper case, by the root
 * locale's rules (the same result on every server). Options: {@code field}, {@code target_field},
 * {@code ignore_missing}.
 */
final class CaseChange {
  private CaseChange() {}

  static Processor lowercase(ProcessorConfig config) throws DefinitionException {
    return TextTransform.of(config, text -> text.toLowerCase(Locale.ROOT));
  }

  static Processor uppercase(ProcessorConfig config) throws DefinitionException {
    return TextTransform.of(config, text -> text.toUpperCase(Locale.ROOT));
  }
}
