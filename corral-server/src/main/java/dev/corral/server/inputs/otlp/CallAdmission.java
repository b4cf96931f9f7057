package dev.corral.server.inputs.otlp;

import dev.corral.server.auth.Access;
import dev.corral.server.auth.AccessControl;
import dev.corral.server.auth.AccessDenied;
import dev.corral.server.auth.Principal;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits every OTLP/gRPC call through the server's {@link AccessControl} before its message is read. The API key
 * comes in the call's metadata {@code authorization} — what the OpenTelemetry SDKs' and the Collector's
 * {@code headers} option sends — in any form {@link dev.corral.server.auth.KeyCredentials} reads ({@code Bearer
 * id:secret}, {@code ApiKey …}, {@code Basic …}), and must allow {@link Access#INGEST}.
 *
 * <p>A refused call is closed before its request is decoded: {@code UNAUTHENTICATED} when the key is missing,
 * unreadable (an unknown scheme, not base64, longer than {@link dev.corral.server.auth.KeyCredentials#MAX_HEADER_CHARS}),
 * unknown, wrong, expired or revoked; {@code PERMISSION_DENIED} when its scope does not allow ingest; {@code
 * UNAVAILABLE} when the key could not be checked in time (every Argon2 check taken: the exporter retries). The status
 * description is the refusal's reason, which names the key id at most, never the secret. With
 * {@link AccessControl#OFF} every call passes, whatever it carries. Runs on the call's executor (a virtual thread), so
 * a first check of a key's hash never blocks the transport. The admitted {@link Principal} travels with the call
 * ({@link #principal()}), so the key's events-per-second limit applies to what the call exports. Thread-safe.
 */
final class CallAdmission implements ServerInterceptor {
  /** The metadata key OpenTelemetry exporters send credentials in (gRPC metadata keys are lower case). */
  static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  /** Who an admitted call acts as, for its handler (its key's rate limits). */
  private static final Context.Key<Principal> PRINCIPAL = Context.key("corral-principal");
  private static final Logger LOG = LoggerFactory.getLogger(CallAdmission.class);

  private final AccessControl access;
  private final AtomicLong refused = new AtomicLong();

  CallAdmission(AccessControl access) {
    this.access = access;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    Principal who;
    try {
      who = access.admit(Access.INGEST, headers.get(AUTHORIZATION));
    } catch (AccessDenied e) {
      refused.incrementAndGet();
      LOG.atDebug().addKeyValue("input", OtlpGrpcServer.INPUT).addKeyValue("reason", e.reason())
          .addKeyValue("detail", e.getMessage()).log("call refused");
      call.close(status(e), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return Contexts.interceptCall(Context.current().withValue(PRINCIPAL, who), call, headers, next);
  }

  /**
   * Who the current call was admitted as, on the thread that handles it; {@link Principal#LOCAL}
   * outside an admitted call.
   */
  static Principal principal() {
    Principal who = PRINCIPAL.get();
    return who == null ? Principal.LOCAL : who;
  }

  /**
   * The gRPC status of a refusal: the caller is unknown ({@code UNAUTHENTICATED}), known but not
   * allowed ({@code PERMISSION_DENIED}), or not checked because every key check is taken
   * ({@code UNAVAILABLE}, which exporters retry with backoff).
   */
  static Status status(AccessDenied denied) {
    Status code = switch (denied.reason()) {
      case SCOPE, CSRF -> Status.PERMISSION_DENIED; // CSRF and THROTTLED come from web sessions, never from a call
      case BUSY -> Status.UNAVAILABLE;
      case THROTTLED -> Status.RESOURCE_EXHAUSTED;
      default -> Status.UNAUTHENTICATED;
    };
    return code.withDescription(denied.getMessage());
  }

  /** Calls refused so far. */
  long refused() {
    return refused.get();
  }
}
