package dev.corral.pipeline.engine;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.definition.PipelineDefinition;
import dev.corral.pipeline.definition.ProcessorDefinition;
import dev.corral.query.NearestName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the calls between pipelines ({@code pipeline} processors) before anything is built: each
 * called pipeline exists (or the call has {@code ignore_missing_pipeline}), no chain of calls
 * loops, no chain is deeper than {@link PipelineSet#MAX_CHAIN_DEPTH}; and gives the order to build
 * them in, every called pipeline before its callers. One instance per check.
 */
final class ChainCheck {
  private record Call(String callee, String where, boolean ignoreMissing) {}

  private final Map<String, PipelineDefinition> definitions;
  private final Map<String, List<Call>> calls = new HashMap<>();
  /** Depth of the deepest chain starting at each finished pipeline, itself included. */
  private final Map<String, Integer> depth = new HashMap<>();
  private final List<String> order = new ArrayList<>();

  ChainCheck(Map<String, PipelineDefinition> definitions) {
    this.definitions = definitions;
  }

  /** Every pipeline id, each after all the pipelines it calls. */
  List<String> buildOrder() throws DefinitionException {
    for (PipelineDefinition definition : definitions.values()) {
      List<Call> found = new ArrayList<>();
      collect(definition.processors(), found);
      collect(definition.onFailure(), found);
      calls.put(definition.id(), found);
    }
    for (String id : definitions.keySet()) {
      visit(id, new ArrayList<>());
    }
    return order;
  }

  private void visit(String id, List<String> path) throws DefinitionException {
    if (depth.containsKey(id)) {
      return;
    }
    path.add(id);
    int deepest = 0;
    for (Call call : calls.get(id)) {
      if (!definitions.containsKey(call.callee())) {
        if (call.ignoreMissing()) {
          continue;
        }
        throw new DefinitionException(call.where() + ": calls pipeline '" + call.callee() + "', which does not exist"
            + NearestName.hint(call.callee(), definitions.keySet()));
      }
      int loopStart = path.indexOf(call.callee());
      if (loopStart >= 0) {
        List<String> loop = new ArrayList<>(path.subList(loopStart, path.size()));
        loop.add(call.callee());
        throw new DefinitionException(call.where() + ": calls pipeline '" + call.callee()
            + "', which makes a loop: " + String.join(" -> ", loop));
      }
      if (path.size() >= PipelineSet.MAX_CHAIN_DEPTH) {
        List<String> chain = new ArrayList<>(path);
        chain.add(call.callee());
        throw new DefinitionException(call.where() + ": the chain of pipelines " + String.join(" -> ", chain)
            + " is deeper than " + PipelineSet.MAX_CHAIN_DEPTH);
      }
      visit(call.callee(), path);
      int below = depth.get(call.callee());
      if (path.size() + below > PipelineSet.MAX_CHAIN_DEPTH) {
        throw new DefinitionException(call.where() + ": the chain of pipelines " + String.join(" -> ", path)
            + " -> '" + call.callee() + "' and " + (below - 1) + " more below it is deeper than "
            + PipelineSet.MAX_CHAIN_DEPTH);
      }
      deepest = Math.max(deepest, below);
    }
    path.remove(path.size() - 1);
    depth.put(id, deepest + 1);
    order.add(id);
  }

  private static void collect(List<ProcessorDefinition> processors, List<Call> into) throws DefinitionException {
    for (ProcessorDefinition processor : processors) {
      if (processor.type().equals(ProcessorCatalog.PIPELINE)) {
        Object name = processor.options().get("name");
        if (!(name instanceof String callee)) {
          throw new DefinitionException(processor.where() + ": option 'name' (the pipeline to call) is required text, got "
              + name);
        }
        into.add(new Call(callee, processor.where(), Boolean.TRUE.equals(processor.options().get("ignore_missing_pipeline"))));
      }
      collect(processor.onFailure(), into);
    }
  }
}
