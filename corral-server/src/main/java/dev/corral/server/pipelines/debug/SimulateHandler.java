package dev.corral.server.pipelines.debug;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.EventDocument;
import dev.corral.pipeline.definition.DefinitionReader;
import dev.corral.pipeline.definition.PipelineDefinition;
import dev.corral.pipeline.definition.ProcessorDefinition;
import dev.corral.pipeline.engine.Outcome;
import dev.corral.pipeline.engine.Pipeline;
import dev.corral.pipeline.engine.PipelineSet;
import dev.corral.pipeline.engine.ProcessorCatalog;
import dev.corral.pipeline.engine.SimulatedDocument;
import dev.corral.pipeline.engine.Simulation;
import dev.corral.pipeline.engine.SimulationReport;
import dev.corral.server.http.Handler;
import dev.corral.server.http.HttpError;
import dev.corral.server.http.Json;
import dev.corral.server.http.Request;
import dev.corral.server.http.Response;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/v1/pipelines/_simulate}: runs a definition that need not be saved on sample
 * events or lines and answers every processor's output in order, in the shape of Elasticsearch's
 * {@code _simulate?verbose} ({@link SimulationReport#verbose}), plus each sample as it entered
 * ({@code "input": {"_source": ...}}).
 *
 * <p>Body: {@code {"definition": "<text>", "format": "yaml"|"json", "docs": [{...}] | "lines":
 * ["..."], "service": "<for lines>", "called_pipelines": {"<id>": "<text>"}}}. A YAML definition
 * names its {@code id}; a JSON one (an Elasticsearch pipeline body) is simulated as {@code
 * "id"} from the body, default {@value #DEFAULT_JSON_ID}. A {@code pipeline} processor may call
 * only the pipelines given in {@code called_pipelines} (same format): the debugger never reaches
 * the stored ones, so what it shows depends on the request alone.
 *
 * <p>Answers: 200 with the report; 400 for a definition that does not build (the message names
 * the pipeline, the processor and the line), for a malformed body or more than {@link
 * DebugLimits#MAX_SAMPLES} samples; 413 over {@link DebugLimits#MAX_BODY_BYTES}. The pipelines are
 * built for the request and dropped: no counter of a stored pipeline moves. Thread-safe.
 */
final class SimulateHandler implements Handler {
  static final String ROUTE = "/api/v1/pipelines/_simulate";
  /** The id a JSON definition is simulated under when the body names none. */
  static final String DEFAULT_JSON_ID = "simulated";
  private static final Set<String> MEMBERS =
      Set.of("definition", "format", "id", "docs", "lines", "service", "called_pipelines", "verbose");

  private final ProcessorCatalog catalog;

  SimulateHandler(ProcessorCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public Response handle(Request request) throws Exception {
    DebugBody body = DebugBody.read(request, "POST " + ROUTE).requireOnly(MEMBERS);
    String format = body.text("format", "yaml");
    if (!format.equals("yaml") && !format.equals("json")) {
      throw new HttpError(400, body.route() + ": 'format' must be yaml or json, got '" + format + "'");
    }
    List<EventDocument> samples = Samples.of(body);
    Pipeline pipeline = build(body, format);
    samples = Samples.joined(body, samples, pipeline.multiline());
    return Response.json(200, Json.bytes(withInputs(SimulationReport.verbose(Simulation.verbose(pipeline, samples)),
        samples)));
  }

  /**
   * The report with each sample as it entered the pipeline ({@code "input": {"_source": ...}}), so
   * that what the first processor changed can be shown: Elasticsearch's answer leaves it out. The
   * input goes through the report's own writer, so it reads like every step's document.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> withInputs(Map<String, Object> report, List<EventDocument> samples) {
    List<SimulatedDocument> asEntered = samples.stream()
        .map(sample -> new SimulatedDocument(Outcome.KEPT, sample.toMap(), List.of())).toList();
    List<Object> inputs = (List<Object>) SimulationReport.verbose(asEntered).get("docs");
    List<Object> docs = (List<Object>) report.get("docs");
    List<Object> answered = new ArrayList<>(docs.size());
    for (int i = 0; i < docs.size(); i++) {
      Map<String, Object> doc = new LinkedHashMap<>((Map<String, Object>) docs.get(i));
      doc.put("input", ((Map<String, Object>) inputs.get(i)).get("doc"));
      answered.add(doc);
    }
    return Map.of("docs", answered);
  }

  private Pipeline build(DebugBody body, String format) throws HttpError {
    try {
      PipelineDefinition main = read(format, body.text("id", DEFAULT_JSON_ID), body.requiredText("definition"));
      List<PipelineDefinition> definitions = new ArrayList<>();
      definitions.add(main);
      for (Map.Entry<String, String> called : body.textMap("called_pipelines").entrySet()) {
        PipelineDefinition definition = read(format, called.getKey(), called.getValue());
        if (!definition.id().equals(called.getKey())) {
          throw new DefinitionException("called_pipelines: the definition under '" + called.getKey()
              + "' has id '" + definition.id() + "'");
        }
        definitions.add(definition);
      }
      Set<String> given = definitions.stream().map(PipelineDefinition::id).collect(java.util.stream.Collectors.toSet());
      for (PipelineDefinition definition : definitions) {
        requireGivenCallees(definition.processors(), given);
        requireGivenCallees(definition.onFailure(), given);
      }
      return PipelineSet.build(definitions, catalog, Instant.now()).get(main.id())
          .orElseThrow(() -> new IllegalStateException("BUG: pipeline '" + main.id() + "' was not built"));
    } catch (DefinitionException e) {
      throw new HttpError(400, e.getMessage());
    }
  }

  private static PipelineDefinition read(String format, String id, String text) throws DefinitionException {
    return format.equals("yaml") ? DefinitionReader.readYaml(text, "'" + id + "'") : DefinitionReader.readJson(id, text);
  }

  /**
   * Refuses a {@code pipeline} processor whose callee the request does not give (unless it may be
   * missing), with what to do, before the set's own check says only that the pipeline does not exist.
   */
  private static void requireGivenCallees(List<ProcessorDefinition> processors, Set<String> given)
      throws DefinitionException {
    for (ProcessorDefinition processor : processors) {
      if (processor.type().equals(ProcessorCatalog.PIPELINE) && processor.options().get("name") instanceof String name
          && !given.contains(name) && !Boolean.TRUE.equals(processor.options().get("ignore_missing_pipeline"))) {
        throw new DefinitionException(processor.where() + ": calls pipeline '" + name + "', which this simulation "
            + "was not given; the debugger runs only the definitions in the request: add its definition under "
            + "\"called_pipelines\": {\"" + name + "\": \"...\"}");
      }
      requireGivenCallees(processor.onFailure(), given);
    }
  }
}
