package dev.corral.server.inputs.bulk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.corral.model.LogEvent;
import dev.corral.model.Timestamps;
import dev.corral.model.normalize.EventDecoder;
import dev.corral.model.normalize.InvalidEventException;
import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.DocumentLimits;
import dev.corral.pipeline.definition.DefinitionReader;
import dev.corral.pipeline.definition.PipelineDefinition;
import dev.corral.pipeline.engine.Pipeline;
import dev.corral.pipeline.engine.SimulatedDocument;
import dev.corral.pipeline.engine.SimulationReport;
import dev.corral.server.http.Request;
import dev.corral.server.http.Response;
import dev.corral.server.pipelines.PipelineLibrary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Elasticsearch's ingest-pipeline API on Corral's pipelines ({@link PipelineLibrary}), in
 * Elasticsearch's request and answer shapes:
 * <ul>
 *   <li>{@code PUT _ingest/pipeline/{id}} with the JSON form → {@code {"acknowledged":true}}; a definition
 *       that does not read or build → 400 {@code parse_exception} naming the processor, the line and the
 *       unsupported part (a Painless condition beyond the subset, an unknown processor or option). An id of
 *       Filebeat's nginx or apache modules installs Corral's built-in equivalent, the body unread;
 *   <li>{@code GET _ingest/pipeline[/{id}]} → {@code {"<id>": {description, processors, ...}}}; an unknown id
 *       → 404 {@code {}}, as Elasticsearch answers;
 *   <li>{@code DELETE _ingest/pipeline/{id}} → acknowledged; 404 unknown; 409 while another pipeline calls it;
 *   <li>{@code POST _ingest/pipeline/{id}/_simulate} and {@code POST _ingest/pipeline/_simulate} (with
 *       {@code "pipeline"}) with {@code "docs": [{"_source": {...}}]} → {@code {"docs": [{"doc": {...}}]}}, or
 *       with {@code ?verbose} every processor's result ({@link SimulationReport}).
 * </ul>
 * Thread-safe.
 */
final class IngestPipelineApi {
  /** Largest simulate body: a pipeline and a few sample documents, as Kibana and people send. */
  private static final int MAX_SIMULATE_BYTES = 4 * 1024 * 1024;
  /** Largest PUT body: Filebeat's largest module pipeline is ~20 KiB. */
  private static final int MAX_PUT_BYTES = 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new YAMLMapper();

  private final PipelineLibrary library;
  private final EventDecoder decoder;
  private final DocumentLimits limits;

  IngestPipelineApi(PipelineLibrary library, EventDecoder decoder) {
    this.library = library;
    this.decoder = decoder;
    this.limits = DocumentLimits.of(decoder.limits());
  }

  /** @param rest the path after {@code _ingest/}, without surrounding slashes */
  Response handle(Request request, String rest) throws IOException {
    String method = request.method();
    if (!rest.equals("pipeline") && !rest.startsWith("pipeline/")) {
      return EsResponses.error(404, "resource_not_found_exception", "no handler found for uri [_ingest/" + rest
          + "] and method [" + method + "]: Corral serves _ingest/pipeline only");
    }
    String tail = rest.equals("pipeline") ? "" : rest.substring("pipeline/".length());
    if (tail.equals("_simulate") || tail.endsWith("/_simulate")) {
      if (!method.equals("POST") && !method.equals("GET")) {
        return notAllowed(method, rest, "GET, POST");
      }
      return simulate(request, tail.equals("_simulate") ? null : tail.substring(0, tail.length() - "/_simulate".length()));
    }
    return switch (method) {
      case "GET" -> get(tail);
      case "PUT" -> tail.isEmpty() ? notAllowed(method, rest, "GET") : put(tail, request);
      case "DELETE" -> tail.isEmpty() ? notAllowed(method, rest, "GET") : delete(tail);
      default -> notAllowed(method, rest, "GET, PUT, DELETE");
    };
  }

  private Response get(String id) throws IOException {
    Map<String, Object> answer = new LinkedHashMap<>();
    if (id.isEmpty() || id.equals("*")) {
      for (Pipeline pipeline : library.set().pipelines()) {
        library.source(pipeline.id()).ifPresent(source -> answer.put(source.id(), body(source)));
      }
      return EsResponses.json(200, answer);
    }
    for (String one : id.split(",")) {
      Optional<PipelineLibrary.Source> source = library.source(one);
      if (source.isPresent() && source.get().error() == null) {
        answer.put(one, body(source.get()));
      }
    }
    return EsResponses.json(answer.isEmpty() ? 404 : 200, answer);
  }

  /** A definition as Elasticsearch shows it: its JSON body (Corral's YAML form converted, without id and when). */
  private static Object body(PipelineLibrary.Source source) {
    try {
      JsonNode tree = (source.json() ? JSON : YAML).readTree(source.text());
      if (tree instanceof ObjectNode object) {
        object.remove("id");
        object.remove("when");
      }
      return tree;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("BUG: a loaded definition no longer parses: " + source.file(), e);
    }
  }

  private Response put(String id, Request request) throws IOException {
    byte[] body = request.body().readNBytes(MAX_PUT_BYTES + 1);
    if (body.length > MAX_PUT_BYTES) {
      return EsResponses.error(413, "content_too_long_exception", "pipeline [" + id + "] is over the limit of "
          + MAX_PUT_BYTES + " bytes");
    }
    try {
      library.putElasticsearch(id, new String(body, StandardCharsets.UTF_8));
    } catch (DefinitionException e) {
      return EsResponses.error(400, "parse_exception", e.getMessage());
    }
    return EsResponses.acknowledged();
  }

  private Response delete(String id) throws IOException {
    try {
      if (!library.delete(id)) {
        return EsResponses.error(404, "resource_not_found_exception", "pipeline [" + id + "] is missing");
      }
    } catch (PipelineLibrary.InUse e) {
      return EsResponses.error(409, "illegal_state_exception", e.getMessage());
    }
    return EsResponses.acknowledged();
  }

  private Response simulate(Request request, String id) throws IOException {
    byte[] bytes = request.body().readNBytes(MAX_SIMULATE_BYTES + 1);
    if (bytes.length > MAX_SIMULATE_BYTES) {
      return EsResponses.error(413, "content_too_long_exception", "simulate body is over the limit of "
          + MAX_SIMULATE_BYTES + " bytes");
    }
    JsonNode body;
    try {
      body = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      return EsResponses.error(400, "parse_exception", "simulate body is not JSON: " + e.getOriginalMessage());
    }
    if (body == null || !body.path("docs").isArray()) {
      return EsResponses.error(400, "parse_exception", "[docs] required property is missing: send {\"docs\": "
          + "[{\"_source\": {...}}]}" + (id == null ? " with \"pipeline\": {...}" : ""));
    }
    try {
      PipelineDefinition inline = null;
      if (id == null) {
        if (!body.path("pipeline").isObject()) {
          return EsResponses.error(400, "parse_exception", "[pipeline] required property is missing");
        }
        inline = DefinitionReader.readJson("_simulate_pipeline", JSON.writeValueAsString(body.path("pipeline")));
      }
      List<LogEvent> samples = new ArrayList<>();
      long now = Timestamps.toNanos(Instant.now());
      for (JsonNode doc : body.path("docs")) {
        byte[] source = JSON.writeValueAsBytes(doc.path("_source"));
        samples.add(decoder.decode(source, 0, source.length, now));
      }
      Optional<List<SimulatedDocument>> results = library.simulate(id, inline, samples, limits);
      if (results.isEmpty()) {
        return EsResponses.error(404, "resource_not_found_exception", "pipeline [" + id + "] does not exist");
      }
      Map<String, Object> verbose = SimulationReport.verbose(results.get());
      return EsResponses.json(200, request.query().containsKey("verbose") && !"false".equals(request.query().get("verbose"))
          ? verbose : plain(verbose, body.path("docs")));
    } catch (DefinitionException e) {
      return EsResponses.error(400, "parse_exception", e.getMessage());
    } catch (InvalidEventException e) {
      return EsResponses.error(400, "document_parsing_exception", "a simulated document cannot be read: " + e.reason());
    }
  }

  /** The non-verbose answer: each document as the pipeline left it, null when dropped. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> plain(Map<String, Object> verbose, JsonNode docs) {
    List<Object> answers = new ArrayList<>();
    List<Object> runs = (List<Object>) verbose.get("docs");
    String now = Instant.now().toString();
    for (int i = 0; i < runs.size(); i++) {
      Map<String, Object> run = (Map<String, Object>) runs.get(i);
      Map<String, Object> finalDoc = (Map<String, Object>) run.get("doc");
      if (finalDoc == null) {
        answers.add(null);
        continue;
      }
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("_index", docs.get(i).path("_index").asText("_index"));
      doc.put("_id", docs.get(i).path("_id").asText("_id"));
      doc.put("_source", finalDoc.get("_source"));
      doc.put("_ingest", Map.of("timestamp", now));
      answers.add(Map.of("doc", doc));
    }
    return Map.of("docs", answers);
  }

  private static Response notAllowed(String method, String path, String allowed) {
    return EsResponses.error(405, "method_not_allowed_exception", "Incorrect HTTP method for uri [_ingest/" + path
        + "] and method [" + method + "], allowed: [" + allowed + "]");
  }
}
