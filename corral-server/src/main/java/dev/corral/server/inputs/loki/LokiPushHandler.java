package dev.corral.server.inputs.loki;

import dev.corral.model.Timestamps;
import dev.corral.server.http.Handler;
import dev.corral.server.http.RefusalStatus;
import dev.corral.server.http.Request;
import dev.corral.server.http.Response;
import dev.corral.server.ingest.DeadLetter;
import dev.corral.server.ingest.IngestRejection;
import dev.corral.server.ingest.IngestService;
import dev.corral.server.ingest.Refusal;
import dev.corral.server.ingest.RequestBody;
import dev.corral.server.inputs.MediaType;
import java.time.Instant;
import java.util.Map;

/**
 * {@code POST /loki/api/v1/push}: a Loki push in JSON ({@code application/json}) or snappy-compressed
 * protobuf ({@code application/x-protobuf}, also assumed without a Content-Type, as Loki does);
 * {@code Content-Encoding: gzip} or {@code deflate} is undone first.
 *
 * <p>Answers like Loki, in plain text: 204 No Content once every entry is durable; 400 naming the
 * rejected entries when some could not be read (they are stored as dead letters, the others as
 * events, so a client must not resend); 400 for a body that is not a push at all, 413 past the
 * body limit, 415 for another Content-Type or Content-Encoding, 429/503/507 with Retry-After when
 * the server cannot take writes now. Thread-safe.
 */
final class LokiPushHandler implements Handler {
  /** Reasons listed in a 400 answer; the rest are counted, and all are searchable as dead letters. */
  static final int MAX_LISTED_REASONS = 10;

  private enum Format { JSON, PROTOBUF }

  private final IngestService ingest;
  private final long maxBodyBytes;
  private final JsonPushDecoder json;
  private final ProtobufPushDecoder protobuf;

  LokiPushHandler(IngestService ingest, EntryNormalizer normalizer, long maxBodyBytes) {
    this.ingest = ingest;
    this.maxBodyBytes = maxBodyBytes;
    this.json = new JsonPushDecoder(normalizer, maxBodyBytes);
    this.protobuf = new ProtobufPushDecoder(normalizer);
  }

  @Override
  public Response handle(Request request) throws Exception {
    try {
      Format format = format(request.header("Content-Type"));
      ingest.admit();
      RequestBody body = RequestBody.readAllowingEmpty(request.body(), request.header("Content-Length"),
          request.header("Content-Encoding"), maxBodyBytes);
      if (body.length() == 0) {
        throw new IngestRejection(new Refusal.Malformed(), "request body is empty; send a Loki push request");
      }
      long receivedAt = Timestamps.toNanos(Instant.now());
      DecodedPush push = switch (format) {
        case JSON -> json.decode(body.bytes(), body.length());
        case PROTOBUF -> protobuf.decode(SnappyBlock.decompress(body.bytes(), body.length(), maxBodyBytes));
      };
      ingest.store(PushCollector.INPUT, push.events(), push.deadLetters(), receivedAt);
      return push.deadLetters().isEmpty() ? new Response(204, "text/plain; charset=utf-8", Map.of(), new byte[0])
          : Response.text(400, partialAnswer(push));
    } catch (IngestRejection e) {
      Response answer = Response.text(RefusalStatus.of(e), e.getMessage() + "\n");
      return new Response(answer.status(), answer.contentType(), RefusalStatus.headers(e), answer.body());
    }
  }

  private static Format format(String contentType) throws IngestRejection {
    if (contentType == null || contentType.isBlank()) {
      return Format.PROTOBUF;
    }
    return switch (MediaType.of(contentType)) {
      case "application/json" -> Format.JSON;
      case "application/x-protobuf", "application/protobuf" -> Format.PROTOBUF;
      default -> throw new IngestRejection(new Refusal.Unsupported(), "Content-Type '" + contentType + "' is not supported on the Loki "
          + "push; send application/json or application/x-protobuf (a snappy-compressed logproto.PushRequest)");
    };
  }

  private static String partialAnswer(DecodedPush push) {
    StringBuilder text = new StringBuilder();
    text.append(push.events().size()).append(" entries stored; ").append(push.deadLetters().size())
        .append(" rejected and kept as dead letters (search logtype:dead_letter); do not resend:\n");
    int listed = Math.min(MAX_LISTED_REASONS, push.deadLetters().size());
    for (int i = 0; i < listed; i++) {
      DeadLetter deadLetter = push.deadLetters().get(i);
      text.append(deadLetter.reason()).append('\n');
    }
    if (listed < push.deadLetters().size()) {
      text.append("… and ").append(push.deadLetters().size() - listed).append(" more\n");
    }
    return text.toString();
  }
}
