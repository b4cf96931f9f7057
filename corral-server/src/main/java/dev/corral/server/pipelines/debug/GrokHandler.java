package dev.corral.server.pipelines.debug;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.ProcessorException;
import dev.corral.pipeline.parse.GrokDebugger;
import dev.corral.server.http.Handler;
import dev.corral.server.http.HttpError;
import dev.corral.server.http.Json;
import dev.corral.server.http.Request;
import dev.corral.server.http.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /api/v1/pipelines/_grok}: where each capture of a grok expression falls in a text,
 * for the UI's grok debugger ({@link GrokDebugger}: the {@code grok} processor's pattern library,
 * engine and time budget).
 *
 * <p>Body: {@code {"pattern": "...", "text": "...", "pattern_definitions": {"NAME": "regex"},
 * "ecs_compatibility": "disabled"|"v1"}}. Answer: {@code {"matched": bool, "captures": [{"field",
 * "value", "start", "end"}]}}, offsets as UTF-16 indexes into {@code text} (JavaScript's {@code
 * text.slice(start, end)} is the value), in the order the captures open in the pattern; a match
 * that overruns the time budget is {@code "matched": false} with {@code "error"}. 400 for an
 * unknown pattern (naming the nearest known one) or one that does not compile; 413 over {@link
 * DebugLimits#MAX_BODY_BYTES}. Stateless.
 */
final class GrokHandler implements Handler {
  static final String ROUTE = "/api/v1/pipelines/_grok";
  private static final Set<String> MEMBERS = Set.of("pattern", "text", "pattern_definitions", "ecs_compatibility");

  @Override
  public Response handle(Request request) throws Exception {
    DebugBody body = DebugBody.read(request, "POST " + ROUTE).requireOnly(MEMBERS);
    String pattern = body.requiredText("pattern");
    String text = body.requiredText("text");
    Map<String, String> definitions = body.textMap("pattern_definitions");
    String ecs = body.text("ecs_compatibility", "disabled");
    if (!ecs.equals("disabled") && !ecs.equals("v1")) {
      throw new HttpError(400, body.route() + ": 'ecs_compatibility' must be disabled or v1, got '" + ecs + "'");
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    try {
      Optional<List<GrokDebugger.GrokCapture>> captures =
          GrokDebugger.captures(pattern, definitions, ecs.equals("v1"), text);
      answer.put("matched", captures.isPresent());
      answer.put("captures", captures.map(GrokHandler::json).orElse(List.of()));
    } catch (DefinitionException e) {
      throw new HttpError(400, e.getMessage());
    } catch (ProcessorException e) {
      answer.put("matched", false);
      answer.put("captures", List.of());
      answer.put("error", e.getMessage());
    }
    return Response.json(200, Json.bytes(answer));
  }

  private static List<Object> json(List<GrokDebugger.GrokCapture> captures) {
    List<Object> json = new ArrayList<>(captures.size());
    for (GrokDebugger.GrokCapture capture : captures) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("field", capture.field());
      one.put("value", capture.value());
      one.put("start", capture.start());
      one.put("end", capture.end());
      json.add(one);
    }
    return json;
  }
}
