package dev.corral.server.inputs.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.TypeRegistry;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.BadRequest;
import com.google.rpc.RetryInfo;
import dev.corral.model.Timestamps;
import dev.corral.server.http.Handler;
import dev.corral.server.http.Request;
import dev.corral.server.http.Response;
import dev.corral.server.ingest.IngestRejection;
import dev.corral.server.ingest.RequestBody;
import dev.corral.server.inputs.MediaType;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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

  private final LogsExport export;
  private final long maxBodyBytes;

  OtlpLogsHandler(LogsExport export, long maxBodyBytes) {
    this.export = export;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public Response handle(Request request) throws IOException {
    String contentType = request.header("Content-Type");
    LogsExport.Encoding encoding = encodingOf(contentType);
    if (encoding == null) {
      return failure(LogsExport.Encoding.JSON, ExportFailure.unsupportedMediaType("Content-Type '" + contentType
          + "' is not supported on /v1/logs; send application/x-protobuf or application/json (OTLP/HTTP)"));
    }
    long receivedAt = Timestamps.toNanos(Instant.now());
    try {
      export.admit();
      RequestBody body = read(request);
      ExportLogsServiceResponse response = body == null ? ExportLogsServiceResponse.getDefaultInstance()
          : export.export(encoding, body.bytes(), body.length(), receivedAt);
      return answer(200, encoding, response, Map.of());
    } catch (IngestRejection e) {
      return failure(encoding, ExportFailure.of(e));
    } catch (MalformedLogsException e) {
      return failure(encoding, ExportFailure.badData(e.getMessage()));
    }
  }

  /** The body, or {@code null} for an empty request (which OTLP counts as a valid export of nothing). */
  private RequestBody read(Request request) throws IngestRejection, IOException {
    RequestBody body = RequestBody.readAllowingEmpty(request.body(), request.header("Content-Length"),
        request.header("Content-Encoding"), maxBodyBytes);
    return body.length() == 0 ? null : body;
  }

  private static LogsExport.Encoding encodingOf(String contentType) {
    String type = MediaType.of(contentType);
    if (type == null) {
      return null;
    }
    return switch (type) {
      case PROTOBUF_TYPE, "application/protobuf" -> LogsExport.Encoding.PROTOBUF;
      case JSON_TYPE -> LogsExport.Encoding.JSON;
      default -> null;
    };
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
