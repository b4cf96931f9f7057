package dev.corral.server.inputs.otlp;

import dev.corral.model.Timestamps;
import dev.corral.server.auth.AccessControl;
import dev.corral.server.ingest.IngestRejection;
import dev.corral.server.ingest.IngestSink;
import dev.corral.server.ingest.Sender;
import dev.corral.server.inputs.socket.InputListener;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import dev.corral.server.tls.ReloadingTls;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OTLP/gRPC logs service ({@code opentelemetry.proto.collector.logs.v1.LogsService/Export}) on
 * its own port (4317 by default), served by grpc-netty with one virtual thread per call (a call
 * waits for the WAL's fsync). gzip request compression is handled by gRPC itself.
 *
 * <p>The request arrives as raw bytes and is read record by record like OTLP/HTTP protobuf (see
 * {@link LogsExport}), so one invalid record is dead-lettered instead of failing the call. Errors:
 * {@code INVALID_ARGUMENT} with {@code BadRequest} for an undecodable request;
 * {@code RESOURCE_EXHAUSTED} with {@code RetryInfo} while indexing is behind or the disk is
 * nearly full, and without it for a message over the size limit (not retryable);
 * {@code UNAVAILABLE} (with {@code RetryInfo} when a delay is known) while starting or after the
 * WAL or store stopped taking writes. While API keys are required, every call must carry an ingest key in its
 * {@code authorization} metadata, or is refused with {@code UNAUTHENTICATED} or {@code PERMISSION_DENIED} before its
 * request is read ({@link CallAdmission}). Thread-safe; {@link #close()} stops it.
 */
public final class OtlpGrpcServer implements InputListener {
  /** The input's name and metric label; its dead letters say {@code dead_letter.input:otlp}, as OTLP/HTTP's. */
  public static final String INPUT = "otlp-grpc";
  private static final Logger LOG = LoggerFactory.getLogger(OtlpGrpcServer.class);
  /** The default of http.max_body_bytes, for a server started without its configuration. */
  private static final int DEFAULT_MAX_MESSAGE_BYTES = 32 << 20;
  /**
   * Most metadata (headers) one call may carry: exporters send well under 1 KiB, and at 64 KiB (gRPC's default is 8)
   * any authorization value a sender could misconfigure reaches the key check and is refused by reason
   * ({@code UNAUTHENTICATED}, over {@code KeyCredentials.MAX_HEADER_CHARS}) instead of by a reset connection.
   */
  static final int MAX_METADATA_BYTES = 64 << 10;
  /** Time given to calls in flight when stopping, like the HTTP API. */
  private static final int STOP_GRACE_SECONDS = 2;

  private final Server server;
  private final ExecutorService executor;
  private final CallAdmission admission;

  private OtlpGrpcServer(Server server, ExecutorService executor, CallAdmission admission) {
    this.server = server;
    this.executor = executor;
    this.admission = admission;
  }

  /**
   * Starts listening on {@code host:port} (0 picks a free port), enforcing the configured limits
   * ({@code http.max_body_bytes} on the decompressed message, the {@code ingest.*} limits per
   * record) and the sink's alias table.
   *
   * @param access admits each call by the API key in its {@code authorization} metadata ({@link AccessControl#OFF}
   *     admits all)
   * @param tls the shared key source ({@code tls.*}): when present the port speaks gRPC over TLS only (h2 by ALPN)
   * @throws IOException when the port cannot be bound
   */
  public static OtlpGrpcServer start(String host, int port, IngestSink sink, long maxMessageBytes, AccessControl access,
      Optional<ReloadingTls> tls) throws IOException {
    return start(host, port, OtlpHttpEndpoints.export(sink), sink, (int) Math.min(Integer.MAX_VALUE, maxMessageBytes),
        new CallAdmission(access), tls);
  }

  /**
   * {@link #start(String, int, IngestSink, long, AccessControl)} with the default message limit and no access control,
   * for tests.
   */
  static OtlpGrpcServer start(String host, int port, IngestSink sink) throws IOException {
    return start(host, port, OtlpHttpEndpoints.export(sink), sink, DEFAULT_MAX_MESSAGE_BYTES,
        new CallAdmission(AccessControl.OFF), Optional.empty());
  }

  private static OtlpGrpcServer start(String host, int port, LogsExport export, IngestSink sink, int maxMessageBytes,
      CallAdmission admission, Optional<ReloadingTls> tls) throws IOException {
    ExecutorService executor = Executors.newThreadPerTaskExecutor(
        Thread.ofVirtual().name("corral-otlp-grpc-", 0).factory());
    MethodDescriptor<byte[], ExportLogsServiceResponse> method =
        MethodDescriptor.<byte[], ExportLogsServiceResponse>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(LogsServiceGrpc.getExportMethod().getFullMethodName())
            .setRequestMarshaller(new RawBytes())
            .setResponseMarshaller(ProtoUtils.marshaller(ExportLogsServiceResponse.getDefaultInstance()))
            .build();
    ServerServiceDefinition service = ServerServiceDefinition.builder(LogsServiceGrpc.SERVICE_NAME)
        .addMethod(method, ServerCalls.asyncUnaryCall((request, observer) -> export(export, sink, request, observer)))
        .build();
    NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(host, port));
    tls.ifPresent(source -> builder.sslContext(GrpcTls.serverContext(source)));
    Server server = builder
        .executor(executor)
        .maxInboundMessageSize(maxMessageBytes)
        .maxInboundMetadataSize(MAX_METADATA_BYTES)
        .addService(ServerInterceptors.intercept(service, admission))
        .build();
    try {
      server.start();
    } catch (IOException | RuntimeException e) {
      executor.shutdownNow();
      throw new IOException("cannot bind the OTLP/gRPC receiver to " + host + ":" + port + " (otlp.grpc_port): "
          + e.getMessage(), e);
    }
    return new OtlpGrpcServer(server, executor, admission);
  }

  private static void export(LogsExport export, IngestSink sink, byte[] request,
      StreamObserver<ExportLogsServiceResponse> observer) {
    long receivedAt = Timestamps.toNanos(Instant.now());
    ExportLogsServiceResponse response;
    try {
      LogsExport.Batch batch;
      try {
        batch = export.decode(LogsExport.Encoding.PROTOBUF, request, request.length, receivedAt);
      } catch (IngestRejection e) {
        throw sink.refused(INPUT, e);
      }
      sink.append(INPUT, Sender.of(CallAdmission.principal()), batch, receivedAt);
      response = batch.response();
    } catch (IngestRejection e) {
      observer.onError(StatusProto.toStatusRuntimeException(ExportFailure.of(e).toStatus()));
      return;
    } catch (RuntimeException e) {
      LOG.atError().setCause(e).log("otlp grpc export failed");
      observer.onError(Status.INTERNAL.withDescription("internal error: " + e).asRuntimeException());
      return;
    }
    observer.onNext(response);
    observer.onCompleted();
  }

  @Override
  public String name() {
    return INPUT;
  }

  /**
   * Calls refused for their credentials ({@code refused_calls}); what it stored and had refused for other reasons is
   * in the input's stats.
   */
  @Override
  public Map<String, Long> counters() {
    return Map.of("refused_calls", admission.refused());
  }

  /** The bound port. */
  @Override
  public int port() {
    return server.getPort();
  }

  /** Stops accepting calls, gives those in flight a moment to finish, then cuts the rest off. */
  @Override
  public void close() {
    server.shutdown();
    try {
      if (!server.awaitTermination(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
        server.shutdownNow();
        server.awaitTermination(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      executor.shutdownNow();
    }
  }

  /** Passes the request through as bytes; gRPC has already bounded and decompressed it. */
  private static final class RawBytes implements MethodDescriptor.Marshaller<byte[]> {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw Status.INTERNAL.withDescription("cannot read the request message: " + e.getMessage()).withCause(e)
            .asRuntimeException();
      }
    }
  }
}
