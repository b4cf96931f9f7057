package dev.corral.server.pipelines;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.definition.DefinitionReader;
import dev.corral.pipeline.definition.PipelineDefinition;
import dev.corral.model.LogEvent;
import dev.corral.pipeline.DocumentLimits;
import dev.corral.pipeline.EventDocument;
import dev.corral.pipeline.engine.Pipeline;
import dev.corral.pipeline.engine.PipelineSet;
import dev.corral.pipeline.engine.SimulatedDocument;
import dev.corral.pipeline.engine.Simulation;
import dev.corral.pipeline.engine.ProcessorCatalog;
import dev.corral.query.NearestName;
import dev.corral.server.ingest.PipelineChoice;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipelines of the definitions' directory, loaded ({@link LoadedPipelines}), and the one way to
 * change them: {@link #put} and {@link #delete} write the directory durably, then reload; {@link
 * #reloadIfChanged} picks up files changed by hand. Each load builds a whole new set and swaps it in
 * at once; readers ({@link #loaded()}) get one set or the other, never a mix. Changes are serialized;
 * reads are lock-free. Thread-safe.
 */
public final class PipelineLibrary {
  /** Elasticsearch's name for "no pipeline" as an index default. */
  private static final String NO_PIPELINE = PipelineChoice.NO_PIPELINE;
  private static final Logger LOG = LoggerFactory.getLogger(PipelineLibrary.class);

  private final PipelineDirectory directory;
  private final ProcessorCatalog catalog;
  private final IndexDefaultPipelines indexDefaults;
  private final BiConsumer<PipelineSet, PipelineSet> swapping;
  private final Path geoipDirectory;
  private volatile LoadedPipelines loaded = LoadedPipelines.empty();

  /**
   * @param geoipDirectory where {@code geoip} databases are looked up (Filebeat's module equivalents use them when there)
   * @param swapping told (old set, new set) just before each reload swaps a new set in, under the library's lock
   */
  PipelineLibrary(PipelineDirectory directory, ProcessorCatalog catalog, Path geoipDirectory,
      BiConsumer<PipelineSet, PipelineSet> swapping) {
    this.directory = directory;
    this.catalog = catalog;
    this.geoipDirectory = geoipDirectory;
    this.swapping = swapping;
    this.indexDefaults = new IndexDefaultPipelines(directory.path().resolve(IndexDefaultPipelines.FILE_NAME));
  }

  /** The indices created through the Elasticsearch API and their default pipelines (read-only view). */
  public IndexDefaultPipelines indexDefaults() {
    return indexDefaults;
  }

  /** Reads the indices' default pipelines ({@link IndexDefaultPipelines#FILE_NAME}). */
  synchronized void loadIndexDefaults() throws IOException {
    indexDefaults.load();
  }

  /**
   * Creates {@code index} ({@code PUT /{index}}: an existing one is kept) or, with {@code mustExist},
   * changes the settings of one created before ({@code PUT /{index}/_settings}); with {@code
   * setPipeline}, its default pipeline becomes {@code pipeline} (an id of a loaded pipeline, {@code
   * _none}, or null for none). Written durably before it returns.
   *
   * @throws IndexSettingException an invalid name, an unknown index ({@code mustExist}), a pipeline not loaded
   *     (naming the nearest id), or one index too many; nothing changed
   */
  public synchronized void putIndex(String index, boolean mustExist, boolean setPipeline, String pipeline)
      throws IndexSettingException, IOException {
    IndexDefaultPipelines.checkName(index);
    boolean exists = indexDefaults.exists(index);
    if (mustExist && !exists) {
      throw new IndexSettingException(IndexSettingException.Kind.UNKNOWN_INDEX, "no such index [" + index
          + "]: create it first with PUT /" + index + " (its settings may be in that request's body)");
    }
    if (setPipeline && pipeline != null && !pipeline.equals(NO_PIPELINE) && set().get(pipeline).isEmpty()) {
      List<String> ids = set().pipelines().stream().map(Pipeline::id).toList();
      throw new IndexSettingException(IndexSettingException.Kind.INVALID_VALUE, "index [" + index
          + "]: index.default_pipeline names pipeline '" + pipeline + "', which does not exist"
          + NearestName.hint(pipeline, ids));
    }
    if (exists && !setPipeline) {
      return;
    }
    indexDefaults.put(index, setPipeline ? pipeline : indexDefaults.of(index).orElse(null));
  }

  /** A change refused because other pipelines depend on what it removes. */
  public static final class InUse extends Exception {
    InUse(String message) {
      super(message);
    }
  }

  /** What is loaded now. */
  LoadedPipelines loaded() {
    return loaded;
  }

  /** The set of built pipelines now loaded. */
  public PipelineSet set() {
    return loaded.set();
  }

  /** The text of {@code id}'s definition as its file holds it, and whether it is Elasticsearch's JSON form. */
  public Optional<Source> source(String id) {
    return loaded.fileOf(id).map(file -> new Source(id, file.name(), file.text(), file.isJson(), file.error()));
  }

  /**
   * A definition's text and where it lives.
   *
   * @param error why it was refused, or null when it is loaded
   */
  public record Source(String id, String file, String text, boolean json, String error) {}

  /** Reads the directory again when a file was added, removed or changed since the last load. */
  public synchronized void reloadIfChanged() throws IOException {
    if (!directory.fingerprint().equals(loaded.fingerprint())) {
      reload();
    }
  }

  /** Reads the directory and swaps in what it defines now; a refused file is logged with its reason. */
  synchronized void reload() throws IOException {
    Map<String, String> fingerprint = directory.fingerprint();
    LoadedPipelines next = LoadedPipelines.build(directory.read(), catalog, fingerprint);
    for (PipelineFile refused : next.refused()) {
      LOG.atWarn().addKeyValue("file", directory.path().resolve(refused.name())).addKeyValue("reason", refused.error())
          .log("pipeline definition refused; the other pipelines still load");
    }
    swapping.accept(loaded.set(), next.set());
    loaded = next;
    LOG.atInfo().addKeyValue("pipelines", next.set().pipelines().size()).addKeyValue("refused", next.refused().size())
        .addKeyValue("dir", directory.path()).log("pipelines loaded");
  }

  /**
   * Replaces or creates the pipeline {@code id}: checked first by building the whole set with it, then
   * written to the directory as {@code <id>.api.yaml} (or {@code .api.json}) durably, replacing any
   * other file that defined {@code id}, and loaded.
   *
   * @param text Corral's YAML form (its {@code id} must be {@code id}) or, with {@code json}, Elasticsearch's JSON
   * @throws DefinitionException when it does not read or does not build with the others; nothing changed
   */
  public synchronized PipelineDefinition put(String id, String text, boolean json) throws DefinitionException, IOException {
    PipelineDefinition definition = json ? DefinitionReader.readJson(id, text)
        : DefinitionReader.readYaml(text, "for '" + id + "'");
    if (!definition.id().equals(id)) {
      throw new DefinitionException("pipeline definition for '" + id + "': its id is '" + definition.id()
          + "'; the id in the text must be the id of the URL");
    }
    List<PipelineDefinition> trial = new ArrayList<>();
    for (PipelineDefinition other : loaded.accepted()) {
      if (!other.id().equals(id)) {
        trial.add(other);
      }
    }
    trial.add(definition);
    PipelineSet.build(trial, catalog, Instant.now());
    String name = PipelineDirectory.apiFileName(id, json);
    directory.write(name, text);
    for (PipelineFile file : loaded.files()) {
      if (!file.name().equals(name) && definesOrMeant(file, id)) {
        directory.delete(file.name());
      }
    }
    reload();
    return definition;
  }

  /**
   * Deletes the pipeline {@code id}'s file and reloads.
   *
   * @return false when no file defines {@code id}
   * @throws InUse when another pipeline calls it (without {@code ignore_missing_pipeline}) or an index has it as its
   *     default pipeline; nothing changed
   */
  public synchronized boolean delete(String id) throws IOException, InUse {
    Optional<PipelineFile> file = loaded.fileOf(id);
    if (file.isEmpty()) {
      return false;
    }
    List<String> indices = indexDefaults.indicesUsing(id);
    if (!indices.isEmpty()) {
      throw new InUse("pipeline '" + id + "' cannot be deleted: it is the default pipeline of " + indices.size()
          + " index(es) " + indices.subList(0, Math.min(5, indices.size()))
          + "; set their index.default_pipeline to another pipeline (PUT /{index}/_settings) first");
    }
    List<PipelineDefinition> rest = loaded.accepted().stream().filter(other -> !other.id().equals(id)).toList();
    try {
      PipelineSet.build(rest, catalog, Instant.now());
    } catch (DefinitionException e) {
      throw new InUse("pipeline '" + id + "' cannot be deleted: without it, " + e.getMessage());
    }
    directory.delete(file.get().name());
    reload();
    return true;
  }

  /**
   * {@link #put} of Elasticsearch's JSON form, as {@code PUT /_ingest/pipeline/{id}} receives it; an id
   * of Filebeat's nginx or apache modules installs Corral's built-in equivalent instead ({@link
   * FilebeatModules}), the body unread.
   *
   * @return whether the built-in equivalent was installed
   */
  public synchronized boolean putElasticsearch(String id, String json) throws DefinitionException, IOException {
    Optional<String> builtIn = FilebeatModules.equivalent(id, geoipDirectory);
    if (builtIn.isPresent()) {
      put(id, builtIn.get(), false);
      return true;
    }
    put(id, json, true);
    return false;
  }

  /**
   * Runs {@code samples} through a pipeline on a set built for the purpose (the live counters stay
   * clean): {@code inline} when given (it may call the loaded pipelines), else the loaded pipeline {@code id}.
   *
   * @return each sample's run, or empty when {@code id} is not loaded
   * @throws DefinitionException when {@code inline} does not build
   */
  public Optional<List<SimulatedDocument>> simulate(String id, PipelineDefinition inline, List<LogEvent> samples,
      DocumentLimits limits) throws DefinitionException {
    List<PipelineDefinition> definitions = new ArrayList<>();
    for (PipelineDefinition other : loaded.accepted()) {
      if (inline == null || !other.id().equals(inline.id())) {
        definitions.add(other);
      }
    }
    if (inline != null) {
      definitions.add(inline);
    }
    PipelineSet set = PipelineSet.build(definitions, catalog, Instant.now());
    Optional<Pipeline> pipeline = set.get(inline != null ? inline.id() : id);
    if (pipeline.isEmpty()) {
      return Optional.empty();
    }
    List<EventDocument> documents = samples.stream().map(event -> EventDocument.of(event, limits)).toList();
    return Optional.of(Simulation.verbose(pipeline.get(), documents));
  }

  private static boolean definesOrMeant(PipelineFile file, String id) {
    return file.definition() != null ? file.definition().id().equals(id) : LoadedPipelines.idOfRefused(file).equals(id);
  }
}
