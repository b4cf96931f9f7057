package dev.corral.server.inputs.bulk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.server.auth.Access;
import dev.corral.server.http.Request;
import dev.corral.server.http.Response;
import dev.corral.server.pipelines.IndexSettingException;
import dev.corral.server.pipelines.PipelineLibrary;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An index's settings, of which Corral keeps one: {@code index.default_pipeline}, the pipeline
 * {@code _bulk} runs for the index's documents when neither the action nor {@code ?pipeline=} names
 * one ({@code _none}: none; null: the setting removed).
 * <ul>
 *   <li>{@code PUT /{index}} with {@code {"settings": {"index": {"default_pipeline": "nginx"}}}} (or
 *       {@code "index.default_pipeline"}, or {@code "default_pipeline"}): creates the index, remembered;
 *       an existing one is kept, its default changed when the body sets one. Without settings it is
 *       acknowledged as before; a name Elasticsearch refuses, or a {@code <date-math>} name, is
 *       then acknowledged but not remembered;
 *   <li>{@code PUT /{index}/_settings} with {@code {"index": {"default_pipeline": …}}} (the same three
 *       spellings): 404 {@code index_not_found_exception} when the index was never created;
 *   <li>{@code GET /{index}/_settings}, {@code GET /{index}}: the index's settings, the default pipeline
 *       among them; {@code _settings} of an unknown index is a 404.
 * </ul>
 * Changing a default pipeline needs an admin key (403 {@code security_exception} otherwise): it decides
 * which pipeline — and so which redaction — runs on what every shipper sends to the index. A pipeline
 * that is not loaded is refused (400, naming the nearest id), as is {@code index.final_pipeline}
 * (not supported) and a body that is not a JSON object. Other settings are accepted and ignored.
 */
final class IndexSettingsCalls {
  /** Largest body read: an index's settings and mappings are a few KiB; Filebeat's template is ~100 KiB. */
  static final int MAX_BODY_BYTES = 1024 * 1024;
  private static final String DEFAULT_PIPELINE = "index.default_pipeline";
  private static final String FINAL_PIPELINE = "index.final_pipeline";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PipelineLibrary pipelines;

  IndexSettingsCalls(PipelineLibrary pipelines) {
    this.pipelines = pipelines;
  }

  /** {@code PUT|POST /{index}}: creates it, with its settings. */
  Response create(Request request, String index) throws IOException {
    IndexSettings settings;
    try {
      settings = read(request, "settings");
    } catch (BadBody e) {
      return e.response;
    }
    if (!settings.setsPipeline()) {
      rememberQuietly(index);
      return created(index);
    }
    return change(request, index, false, settings.pipeline());
  }

  /** {@code PUT /{index}/_settings}. */
  Response update(Request request, String index) throws IOException {
    IndexSettings settings;
    try {
      settings = read(request, null);
    } catch (BadBody e) {
      return e.response;
    }
    if (!settings.setsPipeline()) {
      if (!pipelines.indexDefaults().exists(index)) {
        return notFound(index);
      }
      return EsResponses.acknowledged();
    }
    return change(request, index, true, settings.pipeline());
  }

  /** {@code GET /{index}/_settings}: 404 for an index never created. */
  Response settings(String index) {
    if (!pipelines.indexDefaults().exists(index)) {
      return notFound(index);
    }
    return EsResponses.json(200, Map.of(index, Map.of("settings", Map.of("index", indexSettings(index)))));
  }

  /** {@code GET /{index}}: every index exists for shippers; a remembered one shows its default pipeline. */
  Response describe(String index) {
    return EsResponses.json(200, Map.of(index, Map.of("aliases", Map.of(), "mappings", Map.of(), "settings",
        Map.of("index", indexSettings(index)))));
  }

  private Map<String, Object> indexSettings(String index) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("number_of_shards", "1");
    settings.put("number_of_replicas", "0");
    pipelines.indexDefaults().of(index).ifPresent(pipeline -> settings.put("default_pipeline", pipeline));
    return settings;
  }

  private Response change(Request request, String index, boolean mustExist, String pipeline) throws IOException {
    if (!Access.ADMIN.admits(request.principal().scope())) {
      return EsResponses.error(403, "security_exception", "setting " + DEFAULT_PIPELINE + " of index [" + index
          + "] needs an admin key (this key's scope is " + request.principal().scope().name().toLowerCase(java.util.Locale.ROOT)
          + "): it decides which pipeline runs on everything sent to the index");
    }
    try {
      pipelines.putIndex(index, mustExist, true, pipeline);
    } catch (IndexSettingException e) {
      return refused(e);
    }
    return mustExist ? EsResponses.acknowledged() : created(index);
  }

  /** Remembers an index created without settings when its name allows; a shipper's call is never refused here. */
  private void rememberQuietly(String index) throws IOException {
    try {
      pipelines.putIndex(index, false, false, null);
    } catch (IndexSettingException e) {
      // A date-math or otherwise unusual name: acknowledged as before, only not remembered (it can take no settings).
    }
  }

  private static Response created(String index) {
    return EsResponses.json(200, Map.of("acknowledged", true, "shards_acknowledged", true, "index", index));
  }

  private static Response notFound(String index) {
    return EsResponses.error(404, "index_not_found_exception", "no such index [" + index + "]: create it first with "
        + "PUT /" + index + " (its settings may be in that request's body)");
  }

  private static Response refused(IndexSettingException e) {
    return switch (e.kind()) {
      case INVALID_NAME -> EsResponses.error(400, "invalid_index_name_exception", e.getMessage());
      case UNKNOWN_INDEX -> EsResponses.error(404, "index_not_found_exception", e.getMessage());
      case INVALID_VALUE, UNSUPPORTED -> EsResponses.error(400, "illegal_argument_exception", e.getMessage());
      case TOO_MANY -> EsResponses.error(400, "validation_exception", e.getMessage());
    };
  }

  /**
   * What a body sets.
   *
   * @param setsPipeline whether it names {@code index.default_pipeline} (null included: removing it)
   * @param pipeline the value, or null
   */
  private record IndexSettings(boolean setsPipeline, String pipeline) {}

  /** A body refused, with its answer. */
  private static final class BadBody extends Exception {
    final transient Response response;

    BadBody(Response response) {
      super(null, null, false, false);
      this.response = response;
    }
  }

  /**
   * Reads the settings of a body: those under {@code under} ({@code "settings"} for index creation),
   * else the body itself; nested objects are flattened to dotted names, and a name without the
   * {@code index.} prefix gets it, as Elasticsearch reads settings. An empty body sets nothing.
   */
  private static IndexSettings read(Request request, String under) throws IOException, BadBody {
    byte[] bytes = request.body().readNBytes(MAX_BODY_BYTES + 1);
    if (bytes.length > MAX_BODY_BYTES) {
      throw new BadBody(EsResponses.error(413, "content_too_long_exception", "index settings body is over the limit of "
          + MAX_BODY_BYTES + " bytes"));
    }
    if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      return new IndexSettings(false, null);
    }
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new BadBody(EsResponses.error(400, "parse_exception", "index settings body is not JSON: "
          + e.getOriginalMessage()));
    }
    JsonNode settings = under == null || root == null ? root : root.path(under);
    if (settings == null || settings.isMissingNode() || settings.isNull()) {
      return new IndexSettings(false, null);
    }
    if (!settings.isObject()) {
      throw new BadBody(EsResponses.error(400, "parse_exception", (under == null ? "the body" : "[" + under + "]")
          + " must be a JSON object of settings, e.g. {\"index\": {\"default_pipeline\": \"nginx\"}}, not "
          + settings.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
    }
    Map<String, JsonNode> flat = new LinkedHashMap<>();
    flatten("", settings, flat);
    JsonNode last = null;
    boolean sets = false;
    for (Map.Entry<String, JsonNode> entry : flat.entrySet()) {
      String name = entry.getKey().startsWith("index.") ? entry.getKey() : "index." + entry.getKey();
      if (name.equals(FINAL_PIPELINE) && !entry.getValue().isNull()) {
        throw new BadBody(EsResponses.error(400, "illegal_argument_exception", FINAL_PIPELINE
            + " is not supported by Corral; use " + DEFAULT_PIPELINE + ", or a pipeline processor at the end of it"));
      }
      if (name.equals(DEFAULT_PIPELINE)) {
        JsonNode value = entry.getValue();
        if (!value.isNull() && !value.isTextual()) {
          throw new BadBody(EsResponses.error(400, "illegal_argument_exception", "Failed to parse value ["
              + value + "] for setting [" + DEFAULT_PIPELINE + "]: a pipeline id (text) or null is expected"));
        }
        sets = true;
        last = value;
      }
    }
    return new IndexSettings(sets, last == null || last.isNull() ? null : last.asText());
  }

  private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> into) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = prefix + field.getKey();
      if (field.getValue().isObject()) {
        flatten(name + ".", field.getValue(), into);
      } else {
        into.put(name, field.getValue());
      }
    }
  }

}
