package dev.corral.pipeline.processors;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorConfig;
import dev.corral.pipeline.ProcessorException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code urldecode}: {@code %xx} escapes and {@code +} decoded as UTF-8 ({@code /a%20b} becomes
 * {@code /a b}). A broken escape ({@code %zz}, a cut {@code %4}) fails the event. Options: {@code
 * field}, {@code target_field}, {@code ignore_missing}.
 */
final class UrlDecode {
  private UrlDecode() {}

  static Processor create(ProcessorConfig config) throws DefinitionException {
    return TextTransform.of(config, UrlDecode::decode);
  }

  private static String decode(String text) throws ProcessorException {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ProcessorException("cannot URL-decode " + dev.corral.pipeline.FieldValues.describe(text) + ": "
          + e.getMessage());
    }
  }
}
