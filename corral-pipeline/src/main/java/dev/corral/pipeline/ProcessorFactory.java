package dev.corral.pipeline;

/**
 * Builds one type of processor ({@code grok}, {@code date}, ...) from its definition's options.
 * Stateless; one instance per type, registered in the processor catalog.
 */
@FunctionalInterface
public interface ProcessorFactory {
  /**
   * The processor of these options.
   *
   * @throws DefinitionException when an option is missing, unknown, of the wrong type or invalid
   *     (through {@link ProcessorConfig}'s typed getters, which name the option)
   */
  Processor create(ProcessorConfig config) throws DefinitionException;
}
