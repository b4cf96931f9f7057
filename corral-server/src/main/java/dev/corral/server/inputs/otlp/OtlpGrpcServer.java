package dev.corral.server.inputs.otlp;

import dev.corral.model.Timestamps;
import dev.corral.server.ingest.IngestRejection;
import dev.corral.server.ingest.IngestSink;
import dev.corral.server.ingest.Sender;
import dev.corral.server.inputs.socket.InputListener;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
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
 * WAL or store stopped taking writes. Thread-safe; {@link #close()} stops it.
 */
public final class OtlpGrpcServer implements InputListener {
  /** The input's name and metric label; its dead letters say {@code dead_letter.input:otlp}, as OTLP/HTTP's. */
  public static final String INPUT = "otlp-grpc";
  private static final Logger LOG = LoggerFactory.getLogger(OtlpGrpcServer.class);
  /** The default of http.max_body_bytes, for a server started without its configuration. */
  private static final int DEFAULT_MAX_MESSAGE_BYTES = 32 << 20;
  /** Time given to calls in flight when stopping, like the HTTP API. */
  private static final int STOP_GRACE_SECONDS = 2;

  private final Server server;
  private final ExecutorService executor;

  private OtlpGrpcServer(Server server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts listening on {@code host:port} (0 picks a free port), enforcing the configured limits
   * ({@code http.max_body_bytes} on the decompressed message, the {@code ingest.*} limits per
   * record) and the sink's alias table.
   *
   * @throws IOException when the port cannot be bound
   */
  public static OtlpGrpcServer start(String host, int port, IngestSink sink, long maxMessageBytes)
      throws IOException {
    return start(host, port, OtlpHttpEndpoints.export(sink), sink, (int) Math.min(Integer.MAX_VALUE, maxMessageBytes));
  }

  /** {@link #start(String, int, IngestSink, long)} with the default message limit, for tests. */
  static OtlpGrpcServer start(String host, int port, IngestSink sink) throws IOException {
    return start(host, port, OtlpHttpEndpoints.export(sink), sink, DEFAULT_MAX_MESSAGE_BYTES);
  }

  private static OtlpGrpcServer start(String host, int port, LogsExport export, IngestSink sink, int maxMessageBytes)
      throws IOException {
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
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
        .executor(executor)
        .maxInboundMessageSize(maxMessageBytes)
        .addService(service)
        .build();
    try {
      server.start();
    } catch (IOException | RuntimeException e) {
      executor.shutdownNow();
      throw new IOException("cannot bind the OTLP/gRPC receiver to " + host + ":" + port + " (otlp.grpc_port): "
          + e.getMessage(), e);
    }
    return new OtlpGrpcServer(server, executor);
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
      // anonymous until the receiver reads the key from the call's metadata: then Sender.of(its principal)
      sink.append(INPUT, Sender.ANONYMOUS, batch, receivedAt);
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

  /** No counters of its own: what it stored and had refused is in the input's stats. */
  @Override
  public Map<String, Long> counters() {
    return Map.of();
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
