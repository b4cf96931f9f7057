package dev.corral.server.inputs.gelf;

import dev.corral.server.http.Handler;
import dev.corral.server.http.HttpError;
import dev.corral.server.http.RefusalStatus;
import dev.corral.server.http.Request;
import dev.corral.server.http.Response;
import dev.corral.server.ingest.DeadLetter;
import dev.corral.server.ingest.IngestRejection;
import dev.corral.server.ingest.Refusal;
import dev.corral.server.inputs.HttpEnvelope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /gelf}: one GELF message, or newline-separated messages, optionally gzip or zlib
 * compressed (with or without a {@code Content-Encoding} header). Answers like Graylog's GELF HTTP
 * input, only after the accepted messages are durable:
 * <ul>
 *   <li>202 Accepted with an empty body when at least one message was stored; headers
 *       {@code X-Corral-Accepted} and {@code X-Corral-Rejected} count them. Rejected messages of
 *       the same request are stored as dead letters ({@code logtype:dead_letter}).
 *   <li>400 (413 when every message was over {@code ingest.max_event_bytes}) when messages were
 *       sent but none was accepted; they are still stored as dead letters.
 *   <li>400, 413, 415 for a body that cannot be read as a whole (empty, corrupt compression, too
 *       large, wrong Content-Type or Content-Encoding), 429/503/507 when the server cannot take
 *       writes now (with Retry-After): nothing of the request was stored.
 * </ul>
 * Errors are JSON: {@code {"status", "error", "accepted", "rejected", "errors": [reason, …]}}.
 * Thread-safe.
 */
final class GelfHttpHandler implements Handler {
  /**
   * Media types GELF HTTP senders use: JSON (logstash-gelf, graypy), NDJSON for batches, none or
   * form-encoded (curl -d, as Graylog's own docs show it), and the octet/gzip types of senders that
   * compress the body.
   */
  static final Set<String> ACCEPTED_TYPES = Set.of("application/json", "application/x-ndjson", "application/ndjson",
      "application/jsonl", "application/x-jsonlines", "text/plain", "application/x-www-form-urlencoded",
      "application/octet-stream", "application/gzip", "application/x-gzip", "application/zlib");
  static final String UNSUPPORTED_TYPE = "Content-Type '%s' is not supported on /gelf; send GELF JSON as "
      + "application/json (one message, or one per line), optionally gzip or zlib compressed";
  /** Reasons listed in an error answer; the rest are counted and searchable as dead letters. */
  static final int MAX_LISTED_ERRORS = 20;

  private final HttpEnvelope envelope;
  private final GelfBodyDecoder decoder;

  /** @param envelope reads bodies with {@link GelfBodyReader} */
  GelfHttpHandler(HttpEnvelope envelope, GelfBodyDecoder decoder) {
    this.envelope = envelope;
    this.decoder = decoder;
  }

  @Override
  public Response handle(Request request) throws HttpError, java.io.IOException {
    GelfBatch batch;
    try {
      batch = envelope.ingest(request, body -> decoder.decode(body.body().bytes(), body.body().length(),
          body.receivedAtNanos()));
    } catch (IngestRejection e) {
      throw RefusalStatus.error(e);
    }
    if (batch.nothingAccepted()) {
      int status = batch.allRejectedForSize() ? RefusalStatus.of(new Refusal.TooLarge()) : 400;
      throw new HttpError(status, summary(batch), Map.of(), details(batch));
    }
    return new Response(202, "text/plain; charset=utf-8", Map.of(
        "X-Corral-Accepted", Integer.toString(batch.events().size()),
        "X-Corral-Rejected", Integer.toString(batch.deadLetters().size())), new byte[0]);
  }

  private static String summary(GelfBatch batch) {
    List<DeadLetter> rejected = batch.deadLetters();
    String first = rejected.getFirst().reason();
    return rejected.size() == 1 ? "GELF message rejected: " + first
        : "all " + rejected.size() + " GELF messages rejected; first: " + first;
  }

  private static Map<String, Object> details(GelfBatch batch) {
    List<String> reasons = new ArrayList<>();
    for (DeadLetter deadLetter : batch.deadLetters()) {
      if (reasons.size() == MAX_LISTED_ERRORS) {
        break;
      }
      reasons.add(deadLetter.reason());
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("accepted", 0);
    details.put("rejected", batch.deadLetters().size());
    details.put("errors", reasons);
    details.put("dead_letters", "stored; search logtype:dead_letter AND dead_letter.input:gelf");
    return details;
  }
}
