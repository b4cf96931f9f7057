package dev.corral.pipeline.engine;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.ProcessorFactory;
import dev.corral.pipeline.parse.GeoIpFactory;
import dev.corral.pipeline.parse.GrokFactory;
import dev.corral.pipeline.parse.RedactFactory;
import dev.corral.pipeline.parse.UserAgentFactory;
import dev.corral.pipeline.processors.BuiltInProcessors;
import dev.corral.query.NearestName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The processor types a pipeline may use: type name ({@code set}, {@code grok}) to its {@link
 * ProcessorFactory}. {@code pipeline} (call another pipeline) is built by {@link PipelineSet}
 * itself and is always known. Immutable and thread-safe.
 *
 * <p>Processors written elsewhere join with {@link #with(String, ProcessorFactory)}: the parsers of
 * {@code dev.corral.pipeline.parse} (grok, redact, user_agent, geoip) one line each in {@link
 * #standard()}, or a caller building its own catalog from {@link #builtIns()}.
 */
public final class ProcessorCatalog {
  /** The type {@link PipelineSet} builds itself: a call of another pipeline. */
  public static final String PIPELINE = "pipeline";

  private final Map<String, ProcessorFactory> factories;

  private ProcessorCatalog(Map<String, ProcessorFactory> factories) {
    this.factories = Collections.unmodifiableMap(new LinkedHashMap<>(factories));
  }

  /** The processors of this package's {@link BuiltInProcessors} alone. */
  public static ProcessorCatalog builtIns() {
    return new ProcessorCatalog(BuiltInProcessors.factories());
  }

  /**
   * Every processor Corral ships that needs no configuration: the built-ins and the parsers of
   * {@code dev.corral.pipeline.parse} (grok, redact, user_agent). {@code geoip} reads databases
   * from a configured directory: {@link #standard(Path)}.
   */
  public static ProcessorCatalog standard() {
    return builtIns().with("grok", GrokFactory.FACTORY).with("redact", RedactFactory.FACTORY)
        .with("user_agent", UserAgentFactory.FACTORY);
  }

  /** {@link #standard()} and {@code geoip}, whose {@code database_file} is resolved in {@code geoipDirectory}. */
  public static ProcessorCatalog standard(Path geoipDirectory) {
    return standard().with("geoip", new GeoIpFactory(geoipDirectory));
  }

  /**
   * This catalog and one more type.
   *
   * @throws IllegalArgumentException when the type is already known (two factories for one name
   *     would make a pipeline's meaning depend on registration order)
   */
  public ProcessorCatalog with(String type, ProcessorFactory factory) {
    Objects.requireNonNull(factory, "factory");
    if (factories.containsKey(type) || type.equals(PIPELINE)) {
      throw new IllegalArgumentException("processor type '" + type + "' is already in the catalog");
    }
    Map<String, ProcessorFactory> more = new LinkedHashMap<>(factories);
    more.put(type, factory);
    return new ProcessorCatalog(more);
  }

  /** This catalog and each of {@code more}, as {@link #with} one by one. */
  public ProcessorCatalog with(Map<String, ProcessorFactory> more) {
    ProcessorCatalog catalog = this;
    for (Map.Entry<String, ProcessorFactory> entry : more.entrySet()) {
      catalog = catalog.with(entry.getKey(), entry.getValue());
    }
    return catalog;
  }

  /**
   * The factory of {@code type}.
   *
   * @param where the pipeline and processor, for the message
   * @throws DefinitionException naming the unknown type and the nearest known one
   */
  public ProcessorFactory factory(String type, String where) throws DefinitionException {
    ProcessorFactory factory = factories.get(type);
    if (factory == null) {
      throw new DefinitionException(where + ": unknown processor type '" + type + "'" + NearestName.hint(type, types())
          + " (known: " + String.join(", ", types()) + ")");
    }
    return factory;
  }

  /** Every known type, {@code pipeline} included, sorted. */
  public List<String> types() {
    List<String> types = new ArrayList<>(factories.keySet());
    types.add(PIPELINE);
    Collections.sort(types);
    return types;
  }

  /** Whether {@code type} is known. */
  public boolean knows(String type) {
    return type.equals(PIPELINE) || factories.containsKey(type);
  }
}
