package dev.corral.server.inputs.bulk;

import dev.corral.server.http.RefusalStatus;
import dev.corral.server.http.Request;
import dev.corral.server.http.Response;
import dev.corral.server.ingest.IngestRejection;
import dev.corral.server.ingest.PipelineChoice;
import dev.corral.server.ingest.Refusal;
import dev.corral.server.inputs.HttpEnvelope;
import java.io.IOException;
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
 * a batch over the write-ahead log's record limit (413), an empty body (400), a pipeline that does not
 * exist named by {@code ?pipeline=}, an action or an index default (400, nothing stored). When the server
 * cannot take writes (starting, disk nearly full, indexing behind, stopped), every item answers
 * 429 or 503 with the reason, and Retry-After is set: shippers retry those items, nothing of the
 * request was stored. Thread-safe.
 */
final class BulkHandler {
  /**
   * Media types Elasticsearch reads a bulk body as; the {@code vnd.elasticsearch} ones are what
   * Elastic's version-8 clients send in compatibility mode.
   */
  static final Set<String> BULK_TYPES = Set.of("application/json", "application/x-ndjson",
      "application/vnd.elasticsearch+json", "application/vnd.elasticsearch+x-ndjson");
  /** The 415 message, in Elasticsearch's words. */
  static final String UNSUPPORTED_TYPE = "Content-Type header [%s] is not supported for _bulk; send "
      + "application/x-ndjson or application/json: an action line such as {\"index\":{}} followed by a document line, "
      + "for each event";

  private final HttpEnvelope envelope;
  private final BulkBodyReader reader;
  private final IndexPipelines indexPipelines;

  /** @param indexPipelines the default pipeline of each index ({@code pipelines.bulk_indices}) */
  BulkHandler(HttpEnvelope envelope, BulkBodyReader reader, IndexPipelines indexPipelines) {
    this.envelope = envelope;
    this.reader = reader;
    this.indexPipelines = indexPipelines;
  }

  /** @param defaultIndex the index named by the URL, or null */
  Response handle(Request request, String defaultIndex) throws IOException {
    long started = System.nanoTime();
    HttpEnvelope.Body body;
    try {
      body = envelope.open(request);
    } catch (IngestRejection e) {
      return EsResponses.error(e);
    }
    if (body.isEmpty()) {
      return emptyBody();
    }
    BulkBatch batch = reader.read(body.body().bytes(), body.body().length(), defaultIndex, body.receivedAtNanos());
    if (batch.items().isEmpty()) {
      return emptyBody();
    }
    try {
      envelope.append(body, pipelines(body.pipelines().requested(), batch), batch);
    } catch (IngestRejection e) {
      if (e.refusal() instanceof Refusal.TooLarge || e.refusal() instanceof Refusal.Malformed) {
        return EsResponses.error(e);
      }
      return refuseAll(batch, e, started);
    }
    return respond(batch.items(), started, Map.of());
  }

  /**
   * The pipeline of each event, Elasticsearch's order: its action's {@code pipeline}, else the
   * request's {@code ?pipeline=}, else its index's default pipeline.
   */
  private PipelineChoice pipelines(String requested, BulkBatch batch) {
    List<String> perEvent = new ArrayList<>(batch.events().size());
    for (int i = 0; i < batch.events().size(); i++) {
      String own = batch.pipelines().get(i);
      if (own == null && requested == null) {
        own = indexPipelines.of(batch.events().get(i).fields().getString(BulkBodyReader.INDEX_FIELD));
      }
      perEvent.add(own);
    }
    return new PipelineChoice(requested, perEvent);
  }

  /** Every item answers the rejection, with the status shippers retry ({@link RefusalStatus#ofRetriedItem}). */
  private static Response refuseAll(BulkBatch batch, IngestRejection rejection, long started) {
    int status = RefusalStatus.ofRetriedItem(rejection.refusal());
    String type = EsResponses.errorType(rejection.refusal());
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
