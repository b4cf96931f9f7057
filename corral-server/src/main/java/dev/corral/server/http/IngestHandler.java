package dev.corral.server.http;

import dev.corral.model.Timestamps;
import dev.corral.model.normalize.LineError;
import dev.corral.server.ingest.IngestRejection;
import dev.corral.server.ingest.IngestResult;
import dev.corral.server.ingest.IngestService;
import dev.corral.server.ingest.RequestBody;
import dev.corral.server.inputs.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/v1/ingest}: NDJSON or a JSON array of events. Answers only after the accepted
 * events are durable: 200 with {@code {accepted, rejected, errors:[{line, reason}]}} when any line
 * was accepted (or the body held none), 400 with the same shape when every line was rejected.
 */
public final class IngestHandler implements Handler {
  /** Media types whose bodies are read as NDJSON or a JSON array. */
  private static final Set<String> ACCEPTED_TYPES = Set.of("application/x-ndjson", "application/ndjson",
      "application/json", "application/jsonl", "application/x-jsonlines", "application/jsonlines", "text/plain");

  private final IngestService ingest;
  private final long maxBodyBytes;

  public IngestHandler(IngestService ingest, long maxBodyBytes) {
    this.ingest = ingest;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public Response handle(Request request) throws Exception {
    requireJsonType(request.header("Content-Type"));
    try {
      RequestBody body = RequestBody.read(request.body(), request.header("Content-Length"),
          request.header("Content-Encoding"), maxBodyBytes);
      IngestResult result = ingest.ingest(body, Timestamps.toNanos(Instant.now()));
      int status = result.accepted() == 0 && result.rejected() > 0 ? 400 : 200;
      return Response.json(status, Json.bytes(toJson(result)));
    } catch (IngestRejection e) {
      throw RefusalStatus.error(e);
    }
  }

  private static void requireJsonType(String contentType) throws HttpError {
    if (contentType == null) {
      return;
    }
    if (!ACCEPTED_TYPES.contains(MediaType.of(contentType))) {
      throw new HttpError(415, "Content-Type '" + contentType + "' is not supported here; send "
          + "application/x-ndjson (one JSON event per line) or application/json (an array of events)");
    }
  }

  private static Map<String, Object> toJson(IngestResult result) {
    List<Map<String, Object>> errors = new ArrayList<>(result.errors().size());
    for (LineError error : result.errors()) {
      errors.add(Map.of("line", error.line(), "reason", error.reason()));
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("accepted", result.accepted());
    json.put("rejected", result.rejected());
    json.put("errors", errors);
    return json;
  }
}
