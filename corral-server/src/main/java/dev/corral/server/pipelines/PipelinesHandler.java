package dev.corral.server.pipelines;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.definition.PipelineDefinition;
import dev.corral.pipeline.engine.Pipeline;
import dev.corral.server.http.Handler;
import dev.corral.server.http.HttpError;
import dev.corral.server.http.Json;
import dev.corral.server.http.Request;
import dev.corral.server.http.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The pipelines' admin API:
 * <ul>
 *   <li>{@code GET /api/v1/pipelines} → {@code {"pipelines": [{id, description, when, file, origin, error, stats}]}},
 *       refused files included with their {@code error};
 *   <li>{@code GET /api/v1/pipelines/{id}} → the same for one, with {@code format} and {@code definition} (the file's text);
 *   <li>{@code PUT /api/v1/pipelines/{id}} with Corral's YAML (any Content-Type but JSON) or Elasticsearch's JSON
 *       ({@code application/json}) → 200 as GET answers; 400 with the reason and line when it does not read or build
 *       (nothing changes); 413 over {@value PipelineDirectory#MAX_FILE_BYTES} bytes;
 *   <li>{@code DELETE /api/v1/pipelines/{id}} → 204; 404 unknown; 409 when another pipeline calls it.
 * </ul>
 */
final class PipelinesHandler implements Handler {
  private final PipelineLibrary library;

  PipelinesHandler(PipelineLibrary library) {
    this.library = library;
  }

  @Override
  public Response handle(Request request) throws Exception {
    String id = request.pathTail();
    if (id.isEmpty()) {
      return Response.json(200, Json.bytes(Map.of("pipelines", list())));
    }
    return switch (request.method()) {
      case "PUT" -> put(id, request);
      case "DELETE" -> delete(id);
      default -> Response.json(200, Json.bytes(describe(id, true)
          .orElseThrow(() -> new HttpError(404, "no pipeline '" + id + "'; GET /api/v1/pipelines lists them"))));
    };
  }

  private List<Map<String, Object>> list() {
    List<Map<String, Object>> pipelines = new ArrayList<>();
    LoadedPipelines loaded = library.loaded();
    for (PipelineFile file : loaded.files()) {
      String id = file.definition() != null ? file.definition().id() : LoadedPipelines.idOfRefused(file);
      describe(loaded, id, file, false).ifPresent(pipelines::add);
    }
    return pipelines;
  }

  private Optional<Map<String, Object>> describe(String id, boolean withText) {
    LoadedPipelines loaded = library.loaded();
    return loaded.fileOf(id).flatMap(file -> describe(loaded, id, file, withText));
  }

  private static Optional<Map<String, Object>> describe(LoadedPipelines loaded, String id, PipelineFile file,
      boolean withText) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", id);
    PipelineDefinition definition = file.definition();
    json.put("description", definition == null ? null : definition.description());
    json.put("when", definition == null ? null : definition.when());
    json.put("file", file.name());
    json.put("origin", file.origin());
    json.put("format", file.isJson() ? "json" : "yaml");
    json.put("error", file.error());
    Optional<Pipeline> built = loaded.set().get(id);
    json.put("stats", built.map(pipeline -> PipelineStatsJson.of(pipeline.stats())).orElse(null));
    if (withText) {
      json.put("definition", file.text());
    }
    return Optional.of(json);
  }

  private Response put(String id, Request request) throws IOException, HttpError {
    byte[] body = request.body().readNBytes(PipelineDirectory.MAX_FILE_BYTES + 1);
    if (body.length > PipelineDirectory.MAX_FILE_BYTES) {
      throw new HttpError(413, "pipeline definition is over the limit of " + PipelineDirectory.MAX_FILE_BYTES + " bytes");
    }
    String type = request.header("Content-Type");
    boolean json = type != null && type.toLowerCase(Locale.ROOT).contains("json");
    try {
      library.put(id, new String(body, StandardCharsets.UTF_8), json);
    } catch (DefinitionException e) {
      throw new HttpError(400, e.getMessage());
    }
    return Response.json(200, Json.bytes(describe(id, true)
        .orElseThrow(() -> new IllegalStateException("BUG: pipeline '" + id + "' is not loaded after its PUT"))));
  }

  private Response delete(String id) throws IOException, HttpError {
    try {
      if (!library.delete(id)) {
        throw new HttpError(404, "no pipeline '" + id + "'");
      }
    } catch (PipelineLibrary.InUse e) {
      throw new HttpError(409, e.getMessage());
    }
    return Response.empty(204, Map.of());
  }
}
