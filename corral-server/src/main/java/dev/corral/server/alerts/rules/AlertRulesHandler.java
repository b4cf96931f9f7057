package dev.corral.server.alerts.rules;

import dev.corral.server.http.Handler;
import dev.corral.server.http.HttpError;
import dev.corral.server.http.Json;
import dev.corral.server.http.Request;
import dev.corral.server.http.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules' API (docs/alerting.md, API):
 * <ul>
 *   <li>{@code GET /api/v1/alerts/rules} → {@code {"rules": [...], "channels_error": ...}}, each rule file with
 *       its rule (or its {@code error}), its {@code last_evaluation} and its {@code sparkline};
 *   <li>{@code GET /api/v1/alerts/rules/{name}} → the same for one, with {@code definition} (the file's text);
 *   <li>{@code PUT /api/v1/alerts/rules/{name}} with the rule's YAML (or JSON) → 200 as GET; 400 with the
 *       file, line and problem when it does not validate (nothing changes); 413 over the file size limit;
 *   <li>{@code DELETE /api/v1/alerts/rules/{name}} → 204; 404 unknown;
 *   <li>{@code POST /api/v1/alerts/rules/_preview} with a rule's YAML → what it would have reported over the
 *       last 24 h: {@code {"step": "PT10M", "complete": true, "steps": [evaluation...]}}.
 * </ul>
 */
final class AlertRulesHandler implements Handler {
  static final String PREVIEW = "_preview";
  /** What a restricted principal sees of the evaluations: none. */
  private static final EvaluationHistory NOTHING = new EvaluationHistory();

  private final RuleLibrary library;
  private final EvaluationHistory history;
  private final RulePreview preview;
  private final Clock clock;

  AlertRulesHandler(RuleLibrary library, EvaluationHistory history, RulePreview preview, Clock clock) {
    this.library = library;
    this.history = history;
    this.preview = preview;
    this.clock = clock;
  }

  @Override
  public Response handle(Request request) throws Exception {
    String name = request.pathTail();
    if (request.method().equals("POST") && (name.equals(PREVIEW) || request.path().endsWith("/" + PREVIEW))) {
      return preview(request);
    }
    // evaluations count events of every service: a principal restricted to some services sees the rules only
    EvaluationHistory visible = request.principal().readRestriction().isPresent() ? NOTHING : history;
    if (name.isEmpty()) {
      return Response.json(200, Json.bytes(list(visible)));
    }
    return switch (request.method()) {
      case "PUT" -> put(name, request);
      case "DELETE" -> delete(name);
      default -> Response.json(200, Json.bytes(describe(name, visible)));
    };
  }

  private Map<String, Object> list(EvaluationHistory history) {
    LoadedRules loaded = library.loaded();
    List<Map<String, Object>> rules = new ArrayList<>();
    for (RuleFile file : loaded.files()) {
      rules.add(RuleJson.file(file, history, false));
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("rules", rules);
    json.put("channels_error", loaded.channelsProblem());
    return json;
  }

  private Map<String, Object> describe(String name, EvaluationHistory history) throws HttpError {
    RuleFile file = library.loaded().fileOf(name)
        .orElseThrow(() -> new HttpError(404, "no alert rule '" + name + "'; GET /api/v1/alerts/rules lists them"));
    return RuleJson.file(file, history, true);
  }

  private static String body(Request request) throws IOException, HttpError {
    byte[] body = request.body().readNBytes(RuleDirectory.MAX_FILE_BYTES + 1);
    if (body.length > RuleDirectory.MAX_FILE_BYTES) {
      throw new HttpError(413, "alert rule is over the limit of " + RuleDirectory.MAX_FILE_BYTES + " bytes");
    }
    return new String(body, StandardCharsets.UTF_8);
  }

  private Response put(String name, Request request) throws IOException, HttpError {
    try {
      library.put(name, body(request));
    } catch (InvalidRuleException e) {
      throw new HttpError(400, e.getMessage());
    }
    return Response.json(200, Json.bytes(describe(name, history)));
  }

  private Response delete(String name) throws IOException, HttpError {
    if (!library.delete(name)) {
      throw new HttpError(404, "no alert rule '" + name + "'");
    }
    return Response.empty(204, Map.of());
  }

  private Response preview(Request request) throws IOException, HttpError {
    CompiledRule rule;
    try {
      rule = RuleReader.read("the request body", body(request), library.channels().names());
    } catch (InvalidRuleException e) {
      throw new HttpError(400, e.getMessage());
    }
    RulePreview.Result result = preview.preview(rule, clock.instant());
    List<Map<String, Object>> steps = new ArrayList<>();
    result.steps().forEach(step -> steps.add(RuleJson.evaluation(step)));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("rule", rule.rule().name());
    json.put("step", result.step().toString());
    json.put("complete", result.complete());
    json.put("steps", steps);
    return Response.json(200, Json.bytes(json));
  }
}
