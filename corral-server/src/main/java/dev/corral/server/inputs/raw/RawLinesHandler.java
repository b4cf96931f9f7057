package dev.corral.server.inputs.raw;

import dev.corral.server.http.Handler;
import dev.corral.server.http.HttpError;
import dev.corral.server.http.Json;
import dev.corral.server.http.RefusalStatus;
import dev.corral.server.http.Request;
import dev.corral.server.http.Response;
import dev.corral.server.ingest.DeadLetter;
import dev.corral.server.ingest.IngestRejection;
import dev.corral.server.inputs.HttpEnvelope;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/ingest/raw[?pipeline=ID][&service=NAME]}: each line of a text body (gzip or
 * deflate allowed) becomes an event ({@link RawLineDecoder}), run through the pipeline the request
 * names, else the input's default ({@code pipelines.inputs: [raw=...]}), else the first whose {@code
 * when} matches. Answers once the events are durable: 200 with {@code {accepted, rejected,
 * invalid_utf8, empty_skipped, errors: [reason]}} (accepted counts the lines taken, before pipelines
 * drop any); 400 for an unknown pipeline (nothing stored) and the sink's refusals through {@link
 * RefusalStatus}. Thread-safe.
 */
final class RawLinesHandler implements Handler {
  /** Reasons listed in one answer: the rest are counted; all are searchable as dead letters. */
  private static final int MAX_LISTED_ERRORS = 100;

  private final HttpEnvelope envelope;
  private final RawLineDecoder decoder;

  RawLinesHandler(HttpEnvelope envelope, RawLineDecoder decoder) {
    this.envelope = envelope;
    this.decoder = decoder;
  }

  @Override
  public Response handle(Request request) throws IOException, HttpError {
    String service = request.param("service", null);
    RawLineDecoder.Lines lines;
    try {
      lines = envelope.ingest(request,
          body -> decoder.decode(body.body().bytes(), body.body().length(), service, body.receivedAtNanos()));
    } catch (IngestRejection e) {
      throw RefusalStatus.error(e);
    }
    List<String> errors = new ArrayList<>();
    for (DeadLetter deadLetter : lines.deadLetters()) {
      if (errors.size() < MAX_LISTED_ERRORS) {
        errors.add(deadLetter.reason());
      }
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("accepted", lines.events().size());
    json.put("rejected", lines.deadLetters().size());
    json.put("invalid_utf8", lines.invalidUtf8());
    json.put("empty_skipped", lines.emptySkipped());
    json.put("errors", errors);
    return Response.json(200, Json.bytes(json));
  }
}
