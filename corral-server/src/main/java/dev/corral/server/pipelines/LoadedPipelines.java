package dev.corral.server.pipelines;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.definition.PipelineDefinition;
import dev.corral.pipeline.engine.PipelineSet;
import dev.corral.pipeline.engine.ProcessorCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pipelines directory as loaded: the built set and every file, those refused with their reason.
 * A file that does not read or whose pipeline does not build is refused alone; the others still
 * load. Immutable (but for the set's counters).
 *
 * @param set the pipelines that built
 * @param files every definition file, in name order, refused ones with their error
 * @param fingerprint the directory's fingerprint this was read from ({@link PipelineDirectory#fingerprint()})
 * @param loadedAt when it was built
 */
record LoadedPipelines(PipelineSet set, List<PipelineFile> files, Map<String, String> fingerprint, Instant loadedAt) {
  LoadedPipelines {
    files = List.copyOf(files);
    fingerprint = Map.copyOf(fingerprint);
  }

  /** Nothing loaded. */
  static LoadedPipelines empty() {
    return new LoadedPipelines(PipelineSet.empty(), List.of(), Map.of(), Instant.now());
  }

  /**
   * Builds what {@code files} define. A second definition of an id is refused (the file first in
   * name order keeps it). When the whole set does not build, pipelines are added one at a time,
   * repeatedly, while one more builds; those left are refused with the error of their last try (a
   * pipeline calling a refused one is refused too, naming it).
   */
  static LoadedPipelines build(List<PipelineFile> files, ProcessorCatalog catalog, Map<String, String> fingerprint) {
    Instant now = Instant.now();
    List<PipelineFile> checked = new ArrayList<>(files.size());
    Map<String, String> fileOfId = new LinkedHashMap<>();
    for (PipelineFile file : files) {
      if (file.definition() == null) {
        checked.add(file);
        continue;
      }
      String other = fileOfId.putIfAbsent(file.definition().id(), file.name());
      checked.add(other == null ? file
          : file.refused("pipeline '" + file.definition().id() + "' is already defined in " + other));
    }
    List<PipelineDefinition> candidates = definitions(checked);
    try {
      return new LoadedPipelines(PipelineSet.build(candidates, catalog, now), checked, fingerprint, now);
    } catch (DefinitionException wholeSetFailed) {
      return buildOneByOne(checked, catalog, fingerprint, now);
    }
  }

  private static LoadedPipelines buildOneByOne(List<PipelineFile> files, ProcessorCatalog catalog,
      Map<String, String> fingerprint, Instant now) {
    Map<String, PipelineDefinition> accepted = new LinkedHashMap<>();
    Map<String, String> lastError = new LinkedHashMap<>();
    PipelineSet set = PipelineSet.empty();
    boolean progress = true;
    while (progress) {
      progress = false;
      for (PipelineDefinition definition : definitions(files)) {
        if (accepted.containsKey(definition.id())) {
          continue;
        }
        List<PipelineDefinition> trial = new ArrayList<>(accepted.values());
        trial.add(definition);
        try {
          set = PipelineSet.build(trial, catalog, now);
          accepted.put(definition.id(), definition);
          lastError.remove(definition.id());
          progress = true;
        } catch (DefinitionException e) {
          lastError.put(definition.id(), e.getMessage());
        }
      }
    }
    List<PipelineFile> marked = new ArrayList<>(files.size());
    for (PipelineFile file : files) {
      boolean refused = file.definition() != null && !accepted.containsKey(file.definition().id());
      marked.add(refused ? file.refused(lastError.get(file.definition().id())) : file);
    }
    return new LoadedPipelines(set, marked, fingerprint, now);
  }

  private static List<PipelineDefinition> definitions(List<PipelineFile> files) {
    return files.stream().filter(file -> file.definition() != null).map(PipelineFile::definition).toList();
  }

  /** The definitions that built, in file order. */
  List<PipelineDefinition> accepted() {
    return definitions(files);
  }

  /** The file that defines {@code id} (accepted or refused), if any. */
  Optional<PipelineFile> fileOf(String id) {
    for (PipelineFile file : files) {
      if (file.definition() != null && file.definition().id().equals(id)) {
        return Optional.of(file);
      }
    }
    for (PipelineFile file : files) {
      if (file.definition() == null && idOfRefused(file).equals(id)) {
        return Optional.of(file);
      }
    }
    return Optional.empty();
  }

  /** The files refused, with their errors. */
  List<PipelineFile> refused() {
    return files.stream().filter(file -> file.error() != null).toList();
  }

  /** Best guess at the id a refused file meant to define: its name without extension. */
  static String idOfRefused(PipelineFile file) {
    String name = file.name();
    if (file.isJson()) {
      return PipelineDirectory.idOfJson(name);
    }
    String stem = name.substring(0, name.lastIndexOf('.'));
    return stem.endsWith(".api") ? stem.substring(0, stem.length() - ".api".length()) : stem;
  }
}
