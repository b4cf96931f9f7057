package dev.corral.server.inputs.otlp;

import static dev.corral.server.inputs.otlp.OtlpRequests.record;
import static dev.corral.server.inputs.otlp.OtlpRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.rpc.BadRequest;
import dev.corral.server.TestServer;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad OTLP/gRPC input gets a gRPC status with details, and a bad record is dead-lettered alone. */
class OtlpGrpcBadInputTest {
  /** Export with the request given as raw bytes, so broken protobuf can be sent. */
  static final MethodDescriptor<byte[], ExportLogsServiceResponse> RAW_EXPORT =
      MethodDescriptor.<byte[], ExportLogsServiceResponse>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(LogsServiceGrpc.getExportMethod().getFullMethodName())
          .setRequestMarshaller(new MethodDescriptor.Marshaller<>() {
            @Override
            public InputStream stream(byte[] value) {
              return new ByteArrayInputStream(value);
            }

            @Override
            public byte[] parse(InputStream stream) {
              try {
                return stream.readAllBytes();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }
          })
          .setResponseMarshaller(ProtoUtils.marshaller(ExportLogsServiceResponse.getDefaultInstance()))
          .build();

  @TempDir
  Path data;
  TestServer server;
  ManagedChannel channel;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(data, Map.of("otlp.grpc_port", "0"));
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.server().otlpGrpcPort()).usePlaintext().build();
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.close();
  }

  ExportLogsServiceResponse exportRaw(byte[] request) {
    return ClientCalls.blockingUnaryCall(channel, RAW_EXPORT, CallOptions.DEFAULT, request);
  }

  @Test
  void malformedProtobufGetsInvalidArgumentWithBadRequest() {
    StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
        () -> exportRaw(new byte[] {0x0a, (byte) 0xff, 0x01, 0x02}));
    assertThat(error.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT);
    assertThat(error.getStatus().getDescription()).contains("not valid protobuf");
    com.google.rpc.Status status = StatusProto.fromThrowable(error);
    assertThat(status.getDetails(0).is(BadRequest.class)).isTrue();
  }

  @Test
  void invalidUtf8RecordIsRejectedAloneWithPartialSuccess() throws Exception {
    ExportLogsServiceResponse response = exportRaw(OtlpRequests.rawRequest("grpc-utf8",
        record("fine").toByteArray(), OtlpRequests.recordWithInvalidUtf8Body()));
    assertThat(response.getPartialSuccess().getRejectedLogRecords()).isEqualTo(1);
    assertThat(response.getPartialSuccess().getErrorMessage()).contains("UTF-8");
    server.awaitTotal("service:grpc-utf8", 1);
    server.awaitTotal("logtype:dead_letter AND dead_letter.input:otlp", 1);
  }

  @Test
  void emptyRequestSucceedsWithoutPartialSuccess() {
    assertThat(LogsServiceGrpc.newBlockingStub(channel).export(ExportLogsServiceRequest.getDefaultInstance())
        .hasPartialSuccess()).isFalse();
  }

  @Test
  void gzipCompressedRequestsAreAccepted() throws Exception {
    ExportLogsServiceResponse response = LogsServiceGrpc.newBlockingStub(channel).withCompression("gzip")
        .export(request("grpc-gzip", record("compressed über the wire")));
    assertThat(response.hasPartialSuccess()).isFalse();
    assertThat(server.awaitTotal("service:grpc-gzip", 1).path("events").get(0).path("message").asText())
        .isEqualTo("compressed über the wire");
  }
}
