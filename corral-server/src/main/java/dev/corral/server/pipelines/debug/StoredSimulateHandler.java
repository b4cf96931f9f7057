package dev.corral.server.pipelines.debug;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.DocumentLimits;
import dev.corral.pipeline.EventDocument;
import dev.corral.pipeline.engine.Pipeline;
import dev.corral.pipeline.engine.SimulatedDocument;
import dev.corral.pipeline.engine.SimulationReport;
import dev.corral.server.http.Handler;
import dev.corral.server.http.HttpError;
import dev.corral.server.http.Json;
import dev.corral.server.http.Request;
import dev.corral.server.http.Response;
import dev.corral.server.pipelines.PipelineLibrary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /api/v1/pipelines/{id}/simulate[?verbose=true]}: runs a pipeline stored on the server on
 * sample events or raw lines, without storing anything. The samples are read as {@code POST
 * /api/v1/pipelines/_simulate} reads them ({@link Samples}); the run is {@link PipelineLibrary#simulate}'s
 * (the one Elasticsearch's {@code POST _ingest/pipeline/{id}/_simulate} uses): on a set built from the
 * loaded definitions for the purpose, so a {@code pipeline} processor calls the stored pipelines it names
 * and the live counters stay clean.
 *
 * <p>Body: {@code {"docs": [{...}] | "lines": ["..."], "service": "<for lines>"}}; lines are joined
 * first by the pipeline's {@code multiline} block when it has one, as one raw-lines request. Answer: {@code {"docs":
 * [{"outcome", "doc": {"_source"}, "input": {"_source"}}]}}; with {@code ?verbose=true} each entry also has
 * {@code processor_results}, every processor's output in order ({@link SimulationReport#verbose}). 404 for
 * an id that is not loaded (unknown, or its file refused: the reason is given); 400 for a malformed body or
 * more than {@link DebugLimits#MAX_SAMPLES} samples; 413 over {@link DebugLimits#MAX_BODY_BYTES}. Thread-safe.
 */
final class StoredSimulateHandler implements Handler {
  /** The route: a wildcard under the pipelines, whose tail is {@code {id}/simulate}. */
  static final String ROUTE = "/api/v1/pipelines/*";
  private static final String SUFFIX = "/simulate";
  private static final Set<String> MEMBERS = Set.of("docs", "lines", "service");

  private final PipelineLibrary library;
  private final DocumentLimits limits;

  /** @param limits how large a pipeline may make one event: the ingest limits, as on the ingest path */
  StoredSimulateHandler(PipelineLibrary library, DocumentLimits limits) {
    this.library = library;
    this.limits = limits;
  }

  @Override
  public Response handle(Request request) throws Exception {
    String tail = request.pathTail();
    if (!tail.endsWith(SUFFIX) || tail.length() == SUFFIX.length()) {
      throw new HttpError(404, "POST /api/v1/pipelines/" + tail + ": no such endpoint; POST serves "
          + "/api/v1/pipelines/{id}/simulate, /api/v1/pipelines/_simulate and /api/v1/pipelines/_grok");
    }
    String id = tail.substring(0, tail.length() - SUFFIX.length());
    String route = "POST /api/v1/pipelines/" + id + SUFFIX;
    Optional<PipelineLibrary.Source> source = library.source(id);
    if (source.isEmpty()) {
      throw new HttpError(404, route + ": no pipeline '" + id + "'; GET /api/v1/pipelines lists them");
    }
    if (source.get().error() != null) {
      throw new HttpError(404, route + ": pipeline '" + id + "' is not loaded, its definition "
          + source.get().file() + " was refused: " + source.get().error());
    }
    boolean verbose = verbose(request, route);
    DebugBody body = DebugBody.read(request, route).requireOnly(MEMBERS);
    List<EventDocument> samples = Samples.joined(body, Samples.of(body),
        library.set().get(id).flatMap(Pipeline::multiline));
    Optional<List<SimulatedDocument>> results;
    try {
      results = library.simulate(id, null, samples.stream().map(EventDocument::toEvent).toList(), limits);
    } catch (DefinitionException e) {
      // The loaded definitions built a moment ago; a reload in between may have changed them.
      throw new HttpError(404, route + ": pipeline '" + id + "' no longer builds: " + e.getMessage());
    }
    if (results.isEmpty()) {
      throw new HttpError(404, route + ": no pipeline '" + id + "' (removed while simulating)");
    }
    Map<String, Object> report = SimulateHandler.withInputs(SimulationReport.verbose(results.get()), samples);
    return Response.json(200, Json.bytes(verbose ? report : withoutSteps(report)));
  }

  /** {@code ?verbose} as Elasticsearch reads it: present without a value or {@code true}; absent or {@code false}. */
  private static boolean verbose(Request request, String route) throws HttpError {
    String value = request.query().get("verbose");
    if (value == null || value.equals("false")) {
      return false;
    }
    if (value.isEmpty() || value.equals("true")) {
      return true;
    }
    throw new HttpError(400, route + ": ?verbose must be true or false, got '" + value + "'");
  }

  /** The report without each sample's {@code processor_results}: the outcome, the final document and the input. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> withoutSteps(Map<String, Object> report) {
    List<Object> docs = new ArrayList<>();
    for (Object doc : (List<Object>) report.get("docs")) {
      Map<String, Object> one = new LinkedHashMap<>((Map<String, Object>) doc);
      one.remove("processor_results");
      docs.add(one);
    }
    return Map.of("docs", docs);
  }
}
