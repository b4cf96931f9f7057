package dev.corral.server.inputs.ndjson;

import dev.corral.model.normalize.DecodedBody;
import dev.corral.model.normalize.IngestBody;
import dev.corral.model.normalize.LineError;
import dev.corral.model.LogEvent;
import dev.corral.server.http.Handler;
import dev.corral.server.http.HttpError;
import dev.corral.server.http.Json;
import dev.corral.server.http.RefusalStatus;
import dev.corral.server.http.Request;
import dev.corral.server.http.Response;
import dev.corral.server.ingest.DeadLetter;
import dev.corral.server.ingest.DecodedBatch;
import dev.corral.server.ingest.IngestRejection;
import dev.corral.server.ingest.Refusal;
import dev.corral.server.inputs.HttpEnvelope;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/ingest}: NDJSON or a JSON array of events. Lines that are not valid events
 * are stored as dead letters in the same WAL record and reported with their line numbers. Answers
 * only after the accepted events are durable: 200 with {@code {accepted, rejected, errors:[{line,
 * reason}]}} when any line was accepted (or the body held none), 400 with the same shape when every
 * line was rejected; a refusal of the whole request through {@link RefusalStatus}. Thread-safe.
 */
final class NdjsonHandler implements Handler {
  private final HttpEnvelope envelope;
  private final IngestBody decoder;

  NdjsonHandler(HttpEnvelope envelope, IngestBody decoder) {
    this.envelope = envelope;
    this.decoder = decoder;
  }

  /** One body decoded: its events, its rejected lines, and those lines as dead letters. */
  private record Lines(List<LogEvent> events, List<LineError> errors, List<DeadLetter> deadLetters)
      implements DecodedBatch {}

  @Override
  public Response handle(Request request) throws IOException, HttpError {
    Lines lines;
    try {
      lines = envelope.ingest(request, body -> {
        if (body.isEmpty()) {
          throw new IngestRejection(new Refusal.Malformed(), "request body is empty");
        }
        return decode(body);
      });
    } catch (IngestRejection e) {
      throw RefusalStatus.error(e);
    }
    int status = lines.events().isEmpty() && !lines.errors().isEmpty() ? 400 : 200;
    return Response.json(status, Json.bytes(toJson(lines)));
  }

  private Lines decode(HttpEnvelope.Body body) {
    DecodedBody decoded = decoder.decode(body.body().bytes(), body.body().length(), body.receivedAtNanos());
    List<DeadLetter> deadLetters = new ArrayList<>(decoded.errors().size());
    for (LineError error : decoded.errors()) {
      deadLetters.add(new DeadLetter(envelope.input(), "line " + error.line() + ": " + error.reason(), error.excerpt(),
          error.inputBytes()));
    }
    return new Lines(decoded.events(), decoded.errors(), deadLetters);
  }

  private static Map<String, Object> toJson(Lines lines) {
    List<Map<String, Object>> errors = new ArrayList<>(lines.errors().size());
    for (LineError error : lines.errors()) {
      errors.add(Map.of("line", error.line(), "reason", error.reason()));
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("accepted", lines.events().size());
    json.put("rejected", lines.errors().size());
    json.put("errors", errors);
    return json;
  }
}
