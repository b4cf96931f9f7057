package dev.corral.server.inputs.bulk;

import dev.corral.server.http.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The setup calls shippers make before sending: index templates ({@code _index_template},
 * legacy {@code _template}, {@code _component_template}), ILM policies ({@code _ilm/policy}),
 * data streams, aliases and index creation (ingest pipelines are real: {@link IngestPipelineApi}).
 *
 * <p>Corral needs none of them: fields are indexed by observed type and partitions are daily; an
 * ILM policy sent here deletes nothing (Corral keeps every day partition until it is removed by
 * hand). So writes are acknowledged and forgotten, and a named object always
 * exists (GET and HEAD answer 200 with a plausible body), which makes shippers skip installing it.
 */
final class SetupCalls {
  private SetupCalls() {}

  /**
   * @param kind the first path segment without its underscore: {@code index_template},
   *     {@code template}, {@code component_template}, {@code ilm},
   *     {@code data_stream}, {@code alias}
   * @param name the rest of the path after it (may be empty, may hold slashes)
   */
  static Response handle(String method, String kind, String name) {
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return EsResponses.acknowledged();
    }
    return switch (kind) {
      case "index_template" -> indexTemplates(name);
      case "template" -> legacyTemplates(name);
      case "component_template" -> componentTemplates(name);
      case "ilm" -> ilm(name);
      case "data_stream" -> dataStreams(name);
      case "alias" -> EsResponses.json(200, Map.of());
      default -> throw new IllegalArgumentException("BUG: no setup call named " + kind);
    };
  }

  /** Deleting an index named directly: refused, old data goes by retention (creating and reading: {@link IndexSettingsCalls}). */
  static Response deleteIndex(String name) {
    return EsResponses.error(400, "illegal_argument_exception", "Corral does not delete indices by API [" + name
        + "]: old data is removed by Corral's retention settings");
  }

  private static Response indexTemplates(String name) {
    if (name.isEmpty()) {
      return EsResponses.json(200, Map.of("index_templates", List.of()));
    }
    Map<String, Object> template = new LinkedHashMap<>();
    template.put("index_patterns", List.of(name + "*"));
    template.put("composed_of", List.of());
    template.put("template", Map.of());
    template.put("data_stream", Map.of("hidden", false, "allow_custom_routing", false));
    return EsResponses.json(200, Map.of("index_templates", List.of(Map.of("name", name, "index_template", template))));
  }

  private static Response legacyTemplates(String name) {
    if (name.isEmpty()) {
      return EsResponses.json(200, Map.of());
    }
    Map<String, Object> template = new LinkedHashMap<>();
    template.put("order", 0);
    template.put("index_patterns", List.of(name + "*"));
    template.put("settings", Map.of());
    template.put("mappings", Map.of());
    template.put("aliases", Map.of());
    return EsResponses.json(200, Map.of(name, template));
  }

  private static Response componentTemplates(String name) {
    if (name.isEmpty()) {
      return EsResponses.json(200, Map.of("component_templates", List.of()));
    }
    return EsResponses.json(200, Map.of("component_templates", List.of(
        Map.of("name", name, "component_template", Map.of("template", Map.of())))));
  }

  /** {@code _ilm/status} and {@code _ilm/policy/<name>}. */
  private static Response ilm(String rest) {
    if (rest.equals("status")) {
      return EsResponses.json(200, Map.of("operation_mode", "RUNNING"));
    }
    String name = rest.startsWith("policy/") ? rest.substring("policy/".length()) : "";
    if (name.isEmpty()) {
      return EsResponses.json(200, Map.of());
    }
    Map<String, Object> policy = Map.of("phases", Map.of("hot", Map.of("min_age", "0ms", "actions", Map.of())));
    return EsResponses.json(200, Map.of(name, Map.of("version", 1, "modified_date", "2024-01-01T00:00:00.000Z",
        "policy", policy)));
  }

  private static Response dataStreams(String name) {
    if (name.isEmpty()) {
      return EsResponses.json(200, Map.of("data_streams", List.of()));
    }
    Map<String, Object> stream = new LinkedHashMap<>();
    stream.put("name", name);
    stream.put("timestamp_field", Map.of("name", "@timestamp"));
    stream.put("indices", List.of());
    stream.put("generation", 1);
    stream.put("status", "GREEN");
    stream.put("template", name);
    stream.put("hidden", false);
    stream.put("system", false);
    return EsResponses.json(200, Map.of("data_streams", List.of(stream)));
  }
}
