package dev.corral.server.inputs.otlp;

import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import com.google.rpc.Status;
import dev.corral.server.http.RefusalStatus;
import dev.corral.server.ingest.IngestRejection;
import dev.corral.server.ingest.Refusal;
import java.util.Map;

/**
 * Why an export request failed as a whole, in the terms of both OTLP transports: the HTTP status
 * (with {@code Retry-After}) and the gRPC code, and the {@code google.rpc.Status} both send as
 * the error body (with {@code RetryInfo} when the client should come back later, and
 * {@code BadRequest} for bad data).
 *
 * <p>Retryable refusals use the codes OTLP clients retry: HTTP 429/503, gRPC
 * {@code RESOURCE_EXHAUSTED} with {@code RetryInfo} or {@code UNAVAILABLE}. A nearly full disk
 * (Corral's 507) is answered 503 with {@code Retry-After} on HTTP, because OTLP clients drop data
 * on any other 5xx; the message says that it is the disk.
 *
 * @param refusal why, as the ingest path says it; {@link #httpStatus()} follows from it
 * @param grpcCode the gRPC status code
 * @param retryAfterSeconds seconds the client should wait before retrying, 0 when it should not
 *     retry or no delay is advised
 * @param message what was wrong, with value, limit and place
 */
record ExportFailure(Refusal refusal, Code grpcCode, int retryAfterSeconds, String message) {
  /** A request that cannot be decoded: permanent, never retried. */
  static ExportFailure badData(String message) {
    return new ExportFailure(new Refusal.Malformed(), Code.INVALID_ARGUMENT, 0, message);
  }

  /** A refusal of the ingest path (body too large, server busy, not ready, disk full, …). */
  static ExportFailure of(IngestRejection rejection) {
    int retry = rejection.retryAfterSeconds();
    String message = rejection.getMessage();
    return switch (rejection.refusal()) {
      case Refusal.Malformed r -> badData(message);
      case Refusal.Unsupported r -> new ExportFailure(r, Code.INVALID_ARGUMENT, 0, message);
      case Refusal.TooLarge r -> new ExportFailure(r, Code.RESOURCE_EXHAUSTED, 0, message);
      case Refusal.Backlog r -> new ExportFailure(r, Code.RESOURCE_EXHAUSTED, Math.max(1, retry), message);
      case Refusal.RateLimited r -> new ExportFailure(r, Code.RESOURCE_EXHAUSTED, Math.max(1, retry), message);
      case Refusal.DiskFull r -> new ExportFailure(r, Code.RESOURCE_EXHAUSTED, Math.max(1, retry), message);
      case Refusal.NotReady r -> new ExportFailure(r, Code.UNAVAILABLE, retry, message);
      case Refusal.Stopping r -> new ExportFailure(r, Code.UNAVAILABLE, retry, message);
      case Refusal.WritesStopped r -> new ExportFailure(r, Code.UNAVAILABLE, retry, message);
    };
  }

  /** The HTTP status of the answer, in the codes OTLP/HTTP clients retry ({@link RefusalStatus#ofRetryableOnly}). */
  int httpStatus() {
    return RefusalStatus.ofRetryableOnly(refusal);
  }

  /** The {@code google.rpc.Status} describing this failure, with its details. */
  Status toStatus() {
    Status.Builder status = Status.newBuilder().setCode(grpcCode.getNumber()).setMessage(message);
    if (retryAfterSeconds > 0) {
      status.addDetails(Any.pack(RetryInfo.newBuilder()
          .setRetryDelay(Duration.newBuilder().setSeconds(retryAfterSeconds)).build()));
    }
    if (refusal instanceof Refusal.Malformed) {
      status.addDetails(Any.pack(BadRequest.newBuilder()
          .addFieldViolations(BadRequest.FieldViolation.newBuilder().setField("body").setDescription(message))
          .build()));
    }
    return status.build();
  }

  /** The HTTP headers of the answer: {@code Retry-After} when a delay is advised. */
  Map<String, String> httpHeaders() {
    return retryAfterSeconds > 0 ? Map.of("Retry-After", Integer.toString(retryAfterSeconds)) : Map.of();
  }
}
