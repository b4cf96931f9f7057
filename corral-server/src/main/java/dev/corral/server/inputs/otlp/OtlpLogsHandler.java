package dev.corral.server.inputs.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.TypeRegistry;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.BadRequest;
import com.google.rpc.RetryInfo;
import dev.corral.server.http.Handler;
import dev.corral.server.http.Request;
import dev.corral.server.http.Response;
import dev.corral.server.ingest.IngestRejection;
import dev.corral.server.inputs.HttpEnvelope;
import dev.corral.server.inputs.MediaType;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code POST /v1/logs} (OTLP/HTTP): an {@code ExportLogsServiceRequest} as binary protobuf
 * ({@code application/x-protobuf}) or OTLP/JSON ({@code application/json}), optionally gzip or
 * deflate compressed. Answers in the request's encoding, after the accepted records are durable:
 * 200 with an {@code ExportLogsServiceResponse} ({@code partial_success} set when records were
 * rejected and dead-lettered); otherwise a {@code google.rpc.Status} body with 400 (undecodable
 * request), 413 (too large), 415 (other content type or encoding), 429 or 503 with
 * {@code Retry-After} (server busy, starting, or disk nearly full). An empty request succeeds.
 */
final class OtlpLogsHandler implements Handler {
  private static final String PROTOBUF_TYPE = "application/x-protobuf";
  private static final String JSON_TYPE = "application/json";
  /** Lets the JSON printer show the details of an error Status. */
  private static final TypeRegistry DETAIL_TYPES = TypeRegistry.newBuilder()
      .add(RetryInfo.getDescriptor()).add(BadRequest.getDescriptor()).build();
  private static final JsonFormat.Printer JSON_PRINTER = JsonFormat.printer().usingTypeRegistry(DETAIL_TYPES)
      .omittingInsignificantWhitespace();

  private final HttpEnvelope envelope;
  private final LogsExport export;

  OtlpLogsHandler(HttpEnvelope envelope, LogsExport export) {
    this.envelope = envelope;
    this.export = export;
  }

  @Override
  public Response handle(Request request) throws IOException {
    LogsExport.Encoding encoding = encodingOf(MediaType.of(request.header("Content-Type")));
    try {
      HttpEnvelope.Body body = envelope.open(request);
      if (body.isEmpty()) {
        return answer(200, encoding, ExportLogsServiceResponse.getDefaultInstance(), Map.of());
      }
      LogsExport.Batch batch = envelope.ingest(body, opened -> export.decode(encoding, opened.body().bytes(),
          opened.body().length(), opened.receivedAtNanos()));
      return answer(200, encoding, batch.response(), Map.of());
    } catch (IngestRejection e) {
      return failure(encoding, ExportFailure.of(e));
    }
  }

  /** The encoding of a request and its answer; JSON for a type this endpoint does not read (its 415 is JSON). */
  private static LogsExport.Encoding encodingOf(String mediaType) {
    return PROTOBUF_TYPE.equals(mediaType) || "application/protobuf".equals(mediaType)
        ? LogsExport.Encoding.PROTOBUF : LogsExport.Encoding.JSON;
  }

  private static Response failure(LogsExport.Encoding encoding, ExportFailure failure) throws IOException {
    return answer(failure.httpStatus(), encoding, failure.toStatus(), failure.httpHeaders());
  }

  private static Response answer(int status, LogsExport.Encoding encoding, Message message, Map<String, String> headers)
      throws InvalidProtocolBufferException {
    return switch (encoding) {
      case PROTOBUF -> new Response(status, PROTOBUF_TYPE, headers, message.toByteArray());
      case JSON -> new Response(status, JSON_TYPE, headers, JSON_PRINTER.print(message).getBytes(StandardCharsets.UTF_8));
    };
  }
}
