package dev.corral.server.loglevels;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.server.http.HttpError;
import dev.corral.server.http.Json;
import dev.corral.server.http.Request;
import dev.corral.server.http.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API of log levels: {@code GET /api/v1/admin/loglevels} lists every component with its
 * level now and as configured; {@code PUT} (or {@code POST}) {@code …/loglevels/{component}} with
 * {@code {"level": "DEBUG"}} (or {@code ?level=DEBUG}) sets one; {@code DELETE …/loglevels/{component}}
 * gives it back its configured level. An unknown component or level is a 400 naming the valid ones.
 * Every change is logged at INFO with the acting key.
 */
final class LogLevelsHandler {
  private static final Logger LOG = LoggerFactory.getLogger(LogLevelsHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** {@code {"level": "DEBUG"}} is a few bytes; room for whitespace. */
  static final int MAX_BODY_BYTES = 4 * 1024;

  private final LogLevels levels;

  LogLevelsHandler(LogLevels levels) {
    this.levels = levels;
  }

  Response list(Request request) {
    List<Map<String, Object>> components = new ArrayList<>();
    for (LoggerLevel level : levels.list()) {
      components.add(json(level));
    }
    return Response.json(200, Json.bytes(Map.of("components", components, "levels", LogLevels.LEVELS,
        "persisted", false)));
  }

  Response set(Request request) throws HttpError, IOException {
    String given = request.param("level", null);
    String level = given != null ? given : levelFromBody(request);
    LoggerLevel changed = answer(() -> levels.set(request.pathTail(), level));
    LOG.atInfo().addKeyValue("component", changed.name()).addKeyValue("level", changed.level())
        .addKeyValue("by", request.principal().keyId()).log("log level set");
    return Response.json(200, Json.bytes(json(changed)));
  }

  Response reset(Request request) throws HttpError {
    LoggerLevel reset = answer(() -> levels.reset(request.pathTail()));
    LOG.atInfo().addKeyValue("component", reset.name()).addKeyValue("level", reset.level())
        .addKeyValue("by", request.principal().keyId()).log("log level reset");
    return Response.json(200, Json.bytes(json(reset)));
  }

  private interface Change {
    LoggerLevel run();
  }

  private static LoggerLevel answer(Change change) throws HttpError {
    try {
      return change.run();
    } catch (UnknownLogTargetException e) {
      throw new HttpError(400, e.getMessage());
    }
  }

  private static String levelFromBody(Request request) throws HttpError, IOException {
    byte[] body = request.body().readNBytes(MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) {
      throw new HttpError(413, "a log level request is over " + MAX_BODY_BYTES + " bytes");
    }
    String example = "send {\"level\": \"DEBUG\"} or ?level=DEBUG (one of " + String.join(", ", LogLevels.LEVELS) + ")";
    if (body.length == 0) {
      throw new HttpError(400, "no level given; " + example);
    }
    JsonNode parsed;
    try {
      parsed = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new HttpError(400, "request body is not JSON (" + e.getOriginalMessage() + "); " + example);
    }
    JsonNode level = parsed == null ? null : parsed.get("level");
    if (level == null || !level.isTextual()) {
      throw new HttpError(400, "'level' must be a string; " + example);
    }
    return level.asText();
  }

  private static Map<String, Object> json(LoggerLevel level) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", level.name());
    json.put("loggers", level.loggers());
    json.put("level", level.level());
    json.put("configured", level.configured());
    json.put("changed", level.changed());
    return json;
  }
}
