package dev.corral.pipeline.engine;

import dev.corral.model.LogEvent;
import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorConfig;
import dev.corral.pipeline.condition.Condition;
import dev.corral.pipeline.condition.Conditions;
import dev.corral.pipeline.condition.FilterCondition;
import dev.corral.pipeline.definition.PipelineDefinition;
import dev.corral.pipeline.definition.ProcessorDefinition;
import dev.corral.pipeline.multiline.Multiline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A group of pipelines built together from their definitions, so that a {@code pipeline}
 * processor refers to a built pipeline of the same group: a change of definitions builds a new
 * set, and events in flight finish on the set they started with. Immutable but for the counters;
 * thread-safe.
 *
 * <p>Building checks everything that can be checked before an event arrives: every processor type
 * and option ({@link ProcessorCatalog}, {@link ProcessorConfig#requireAllRead()}), every {@code
 * multiline} block and its patterns ({@link Multiline#build}), every condition
 * ({@link Conditions}), every called pipeline (it must exist unless {@code
 * ignore_missing_pipeline}), no chain of calls that loops (refused with the loop named: {@code a
 * -> b -> a}) and no chain deeper than {@link #MAX_CHAIN_DEPTH}.
 */
public final class PipelineSet {
  /**
   * Most pipelines in one chain of calls, the first included: Filebeat's modules chain 2 or 3
   * (a router and the per-fileset ones); each level costs a frame of the ingest thread's stack.
   */
  public static final int MAX_CHAIN_DEPTH = 10;

  private final Map<String, Pipeline> pipelines;
  private final List<Pipeline> selectable;

  private PipelineSet(Map<String, Pipeline> pipelines) {
    this.pipelines = pipelines;
    this.selectable = pipelines.values().stream().filter(Pipeline::hasDefaultRule).toList();
  }

  /** The empty set. */
  public static PipelineSet empty() {
    return new PipelineSet(Map.of());
  }

  /**
   * Builds every definition.
   *
   * @param now what {@code now} means in filters' time bounds, fixed at build time
   * @throws DefinitionException for the first definition that cannot be built, naming the
   *     pipeline, the processor and the reason
   */
  public static PipelineSet build(Collection<PipelineDefinition> definitions, ProcessorCatalog catalog, Instant now)
      throws DefinitionException {
    Map<String, PipelineDefinition> byId = new LinkedHashMap<>();
    for (PipelineDefinition definition : definitions) {
      if (byId.putIfAbsent(definition.id(), definition) != null) {
        throw new DefinitionException("pipeline '" + definition.id() + "' is defined twice");
      }
    }
    List<String> order = new ChainCheck(byId).buildOrder();
    Map<String, Pipeline> built = new LinkedHashMap<>();
    Builder builder = new Builder(catalog, now, built);
    for (String id : order) {
      built.put(id, builder.pipeline(byId.get(id)));
    }
    Map<String, Pipeline> inDefinitionOrder = new LinkedHashMap<>();
    for (String id : byId.keySet()) {
      inDefinitionOrder.put(id, built.get(id));
    }
    return new PipelineSet(java.util.Collections.unmodifiableMap(inDefinitionOrder));
  }

  /** The pipeline of {@code id}. */
  public Optional<Pipeline> get(String id) {
    return Optional.ofNullable(pipelines.get(id));
  }

  /** The first pipeline, in definition order, whose {@code when} selects {@code event}. */
  public Optional<Pipeline> selectFor(LogEvent event) {
    for (Pipeline pipeline : selectable) {
      if (pipeline.selects(event)) {
        return Optional.of(pipeline);
      }
    }
    return Optional.empty();
  }

  /** Every pipeline in definition order. */
  public List<Pipeline> pipelines() {
    return List.copyOf(pipelines.values());
  }

  /** The counters of every pipeline. */
  public List<PipelineStats> stats() {
    return pipelines.values().stream().map(Pipeline::stats).toList();
  }

  /** Builds the steps of definitions whose called pipelines are built already. */
  private record Builder(ProcessorCatalog catalog, Instant now, Map<String, Pipeline> built) {
    Pipeline pipeline(PipelineDefinition definition) throws DefinitionException {
      Predicate<LogEvent> when = definition.when() == null ? null
          : FilterCondition.predicate(definition.when(), "pipeline '" + definition.id() + "': when", now);
      Multiline multiline = definition.multiline() == null ? null
          : Multiline.build(definition.multiline().options(), definition.multiline().where());
      return new Pipeline(definition.id(), definition.description(), when, multiline,
          steps(definition, definition.processors()), steps(definition, definition.onFailure()));
    }

    private List<Step> steps(PipelineDefinition pipeline, List<ProcessorDefinition> definitions)
        throws DefinitionException {
      List<Step> steps = new ArrayList<>(definitions.size());
      for (ProcessorDefinition definition : definitions) {
        steps.add(step(pipeline, definition));
      }
      return steps;
    }

    private Step step(PipelineDefinition pipeline, ProcessorDefinition definition) throws DefinitionException {
      Condition condition =
          Conditions.compile(definition.condition(), definition.where(), now, pipeline.painlessConditions());
      ProcessorConfig config = new ProcessorConfig(definition.where(), definition.options());
      Processor processor = null;
      Pipeline callee = null;
      if (definition.type().equals(ProcessorCatalog.PIPELINE)) {
        String name = config.string("name");
        boolean ignoreMissing = config.bool("ignore_missing_pipeline", false);
        callee = built.get(name);
        if (callee == null && !ignoreMissing) {
          throw new IllegalStateException("BUG: pipeline '" + name + "' was not built before its caller");
        }
      } else {
        processor = catalog.factory(definition.type(), definition.where()).create(config);
      }
      config.requireAllRead();
      return new Step(pipeline.id(), definition.where(), definition.type(), definition.tag(), condition, processor, callee,
          steps(pipeline, definition.onFailure()), definition.ignoreFailure(), new StepMetrics());
    }
  }
}
