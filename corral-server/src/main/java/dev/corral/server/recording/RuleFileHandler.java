package dev.corral.server.recording;

import dev.corral.server.http.Handler;
import dev.corral.server.http.HttpError;
import dev.corral.server.http.Json;
import dev.corral.server.http.Request;
import dev.corral.server.http.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The admin writes of recording rules, the same files as on disk: {@code PUT /api/v1/recording/{name}}
 * with the rule file's YAML as the body writes {@code <recording.dir>/<name>.yaml} (the name in the body
 * must be the path's) and loads it at once; {@code DELETE /api/v1/recording/{name}} deletes the file that
 * defines it. Answers {@code {"name", "file", "loaded"}}; a rule that does not read is refused whole (400
 * with the error, its {@code field} and {@code file}); nothing is written then.
 */
final class RuleFileHandler implements Handler {
  /** What the service does with a rule file: validate, write and reload; delete and reload. */
  interface RuleFiles {
    /** @throws InvalidRecordingRuleException when {@code text} is not a usable rule named {@code name} */
    void write(String name, String text) throws IOException, InvalidRecordingRuleException;

    /** Whether a file defined the rule. */
    boolean delete(String name) throws IOException;
  }

  private final RuleFiles files;

  RuleFileHandler(RuleFiles files) {
    this.files = files;
  }

  @Override
  public Response handle(Request request) throws IOException, HttpError {
    String name = request.pathTail();
    if (name == null || name.isEmpty() || name.contains("/")) {
      throw new HttpError(404, "name the rule: /api/v1/recording/{name}");
    }
    if (request.method().equals("DELETE")) {
      if (!files.delete(name)) {
        throw new HttpError(404, "no recording rule '" + name + "'");
      }
      return Response.json(200, Json.bytes(answer(name, false)));
    }
    byte[] body = request.body().readNBytes(RuleDirectory.MAX_FILE_BYTES + 1);
    if (body.length > RuleDirectory.MAX_FILE_BYTES) {
      throw new HttpError(413, "recording rule is over the limit of " + RuleDirectory.MAX_FILE_BYTES + " bytes");
    }
    try {
      files.write(name, new String(body, StandardCharsets.UTF_8));
    } catch (InvalidRecordingRuleException e) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("field", e.field());
      details.put("file", e.file());
      throw new HttpError(400, e.getMessage(), Map.of(), details);
    }
    return Response.json(200, Json.bytes(answer(name, true)));
  }

  private static Map<String, Object> answer(String name, boolean loaded) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", name);
    json.put("file", name + ".yaml");
    json.put("loaded", loaded);
    return json;
  }
}
