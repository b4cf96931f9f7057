package dev.corral.server.inputs.bulk;

import dev.corral.model.Timestamps;
import dev.corral.server.http.RefusalStatus;
import dev.corral.server.http.Request;
import dev.corral.server.http.Response;
import dev.corral.server.ingest.IngestRejection;
import dev.corral.server.ingest.IngestService;
import dev.corral.server.ingest.Refusal;
import dev.corral.server.ingest.RequestBody;
import dev.corral.server.inputs.MediaType;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST|PUT /_bulk} and {@code /{index}/_bulk}: reads the body (bounded, gzip or deflate),
 * pairs actions with documents, stores the events and the dead letters of refused items in one
 * durable append, and answers 200 with one item per action.
 *
 * <p>Refused as a whole, in Elasticsearch's error shape: a Content-Type other than JSON or NDJSON
 * (415), a truncated or corrupt compressed body (400), a body over {@code http.max_body_bytes} or
 * a batch over the write-ahead log's record limit (413), an empty body (400). When the server
 * cannot take writes (starting, disk nearly full, indexing behind, stopped), every item answers
 * 429 or 503 with the reason, and Retry-After is set: shippers retry those items, nothing of the
 * request was stored. Thread-safe.
 */
final class BulkHandler {
  /**
   * Media types Elasticsearch reads a bulk body as; the {@code vnd.elasticsearch} ones are what
   * Elastic's version-8 clients send in compatibility mode.
   */
  private static final Set<String> BULK_TYPES = Set.of("application/json", "application/x-ndjson",
      "application/vnd.elasticsearch+json", "application/vnd.elasticsearch+x-ndjson");

  private final IngestService ingest;
  private final BulkBodyReader reader;
  private final long maxBodyBytes;

  BulkHandler(IngestService ingest, BulkBodyReader reader, long maxBodyBytes) {
    this.ingest = ingest;
    this.reader = reader;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** @param defaultIndex the index named by the URL, or null */
  Response handle(Request request, String defaultIndex) throws IOException {
    long started = System.nanoTime();
    String contentType = request.header("Content-Type");
    if (contentType != null && !BULK_TYPES.contains(MediaType.of(contentType))) {
      return EsResponses.error(415, "media_type_header_exception", "Content-Type header [" + contentType
          + "] is not supported for _bulk; send application/x-ndjson or application/json: an action line such as "
          + "{\"index\":{}} followed by a document line, for each event");
    }
    RequestBody body;
    try {
      body = RequestBody.readAllowingEmpty(request.body(), request.header("Content-Length"),
          request.header("Content-Encoding"), maxBodyBytes);
    } catch (IngestRejection e) {
      return EsResponses.error(e);
    }
    if (body.length() == 0) {
      return emptyBody();
    }
    long receivedAt = Timestamps.toNanos(Instant.now());
    try {
      ingest.admit();
    } catch (IngestRejection e) {
      // Refused before the documents are decoded: only the action lines are read, to answer per item.
      return refuseAll(reader.read(body.bytes(), body.length(), defaultIndex, receivedAt, false), e, started);
    }
    BulkBatch batch = reader.read(body.bytes(), body.length(), defaultIndex, receivedAt, true);
    if (batch.items().isEmpty()) {
      return emptyBody();
    }
    try {
      ingest.store(BulkBodyReader.INPUT, batch.events(), batch.deadLetters(), receivedAt);
    } catch (IngestRejection e) {
      if (e.refusal() instanceof Refusal.TooLarge) {
        return EsResponses.error(e);
      }
      return refuseAll(batch, e, started);
    }
    return respond(batch.items(), started, Map.of());
  }

  /**
   * Every item answers the rejection: 503 stays 503, the rest (429 indexing behind, 507 disk
   * nearly full) become 429, which every shipper retries, as Elasticsearch does for its own
   * flood-stage disk block.
   */
  private static Response refuseAll(BulkBatch batch, IngestRejection rejection, long started) {
    if (batch.items().isEmpty()) {
      return EsResponses.error(rejection);
    }
    int status = RefusalStatus.of(rejection) == 503 ? 503 : 429;
    String type = EsResponses.errorType(RefusalStatus.of(rejection));
    String reason = rejection.getMessage() + "; nothing of this request was stored: retry";
    List<BulkItem> items = new ArrayList<>(batch.items().size());
    for (BulkItem item : batch.items()) {
      items.add(item.refused(status, type, reason));
    }
    return respond(items, started, RefusalStatus.headers(rejection));
  }

  private static Response respond(List<BulkItem> items, long started, Map<String, String> headers) {
    long tookMillis = (System.nanoTime() - started) / 1_000_000;
    return EsResponses.json(200, BulkResponseWriter.write(tookMillis, items), headers);
  }

  private static Response emptyBody() {
    return EsResponses.error(400, "action_request_validation_exception", "Validation Failed: 1: no requests added: "
        + "the _bulk body holds no action lines; send an action line such as {\"index\":{}} followed by a document "
        + "line, for each event");
  }
}
