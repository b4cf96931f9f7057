package dev.corral.server.inputs.loki;

import dev.corral.server.http.Handler;
import dev.corral.server.http.RefusalStatus;
import dev.corral.server.http.Request;
import dev.corral.server.http.Response;
import dev.corral.server.ingest.DeadLetter;
import dev.corral.server.ingest.IngestRejection;
import dev.corral.server.ingest.Refusal;
import dev.corral.server.inputs.HttpEnvelope;
import java.io.IOException;
import java.util.Set;
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

  /** Media types of a push; none at all is read as protobuf, as Loki does. */
  static final Set<String> JSON_TYPES = Set.of("application/json");
  static final Set<String> PROTOBUF_TYPES = Set.of("application/x-protobuf", "application/protobuf", "");
  static final String UNSUPPORTED_TYPE = "Content-Type '%s' is not supported on the Loki push; send "
      + "application/json or application/x-protobuf (a snappy-compressed logproto.PushRequest)";

  private final HttpEnvelope envelope;
  private final long maxBodyBytes;
  private final JsonPushDecoder json;
  private final ProtobufPushDecoder protobuf;

  LokiPushHandler(HttpEnvelope envelope, EntryNormalizer normalizer) {
    this.envelope = envelope;
    this.maxBodyBytes = envelope.maxBodyBytes();
    this.json = new JsonPushDecoder(normalizer, maxBodyBytes);
    this.protobuf = new ProtobufPushDecoder(normalizer);
  }

  @Override
  public Response handle(Request request) throws IOException {
    try {
      DecodedPush push = envelope.ingest(request, this::decode);
      return push.deadLetters().isEmpty() ? new Response(204, "text/plain; charset=utf-8", Map.of(), new byte[0])
          : Response.text(400, partialAnswer(push));
    } catch (IngestRejection e) {
      Response answer = Response.text(RefusalStatus.of(e), e.getMessage() + "\n");
      return new Response(answer.status(), answer.contentType(), RefusalStatus.headers(e), answer.body());
    }
  }

  private DecodedPush decode(HttpEnvelope.Body body) throws IngestRejection {
    if (body.isEmpty()) {
      throw new IngestRejection(new Refusal.Malformed(), "request body is empty; send a Loki push request");
    }
    if (JSON_TYPES.contains(body.mediaType())) {
      return json.decode(body.body().bytes(), body.body().length());
    }
    return protobuf.decode(SnappyBlock.decompress(body.body().bytes(), body.body().length(), maxBodyBytes));
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
