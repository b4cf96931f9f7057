package dev.corral.server.inputs.otlp;

import static dev.corral.server.inputs.otlp.OtlpRequests.record;
import static dev.corral.server.inputs.otlp.OtlpRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.rpc.RetryInfo;
import dev.corral.server.Await;
import dev.corral.server.config.ConfigLoader;
import dev.corral.server.config.ServerConfig;
import dev.corral.server.http.Request;
import dev.corral.server.http.Response;
import dev.corral.server.ingest.IngestBacklog;
import dev.corral.server.ingest.IngestSink;
import dev.corral.server.ingest.SinkFixture;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import dev.corral.wal.WalConfig;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the server cannot take writes, both transports push back with what OTLP clients retry:
 * HTTP 429/503 with Retry-After, gRPC RESOURCE_EXHAUSTED/UNAVAILABLE with RetryInfo.
 */
class OtlpPushBackTest {
  @TempDir
  Path data;
  SinkFixture fixture;

  @AfterEach
  void closeWal() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
  }

  /** An ingest path over a real WAL whose admission is refused for the given reason. */
  IngestSink refusing(long pendingEvents, boolean ready, long freeBytes) throws Exception {
    return sink(pendingEvents, ready, freeBytes, new IngestBacklog(1000, 1000, Duration.ZERO),
        WalConfig.DEFAULT_MAX_RECORD_BYTES);
  }

  IngestSink sink(long pendingEvents, boolean ready, long freeBytes, IngestBacklog backlog, long maxRecordBytes)
      throws Exception {
    fixture = new SinkFixture(data);
    fixture.pending.set(pendingEvents);
    fixture.ready.set(ready);
    fixture.freeBytes.set(freeBytes);
    return fixture.sink(backlog, maxRecordBytes);
  }

  Response postHttp(IngestSink ingest) throws Exception {
    ServerConfig config = ServerConfig.from(ConfigLoader.load(null, Map.of(), Map.of("data.dir", data.toString())));
    byte[] body = request("busy", record("wait")).toByteArray();
    Map<String, String> headers = Map.of("content-type", "application/x-protobuf", "content-length",
        Integer.toString(body.length));
    Request request = new Request("POST", "/v1/logs", "", Map.of(), name -> headers.get(name.toLowerCase()),
        new ByteArrayInputStream(body));
    return OtlpHttpEndpoints.routes(ingest, config.maxBodyBytes()).getFirst().handler().handle(request);
  }

  StatusRuntimeException exportGrpc(IngestSink ingest) throws Exception {
    try (OtlpGrpcServer grpc = OtlpGrpcServer.start("127.0.0.1", 0, ingest)) {
      ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", grpc.port()).usePlaintext().build();
      try {
        return catchThrowableOfType(StatusRuntimeException.class,
            () -> LogsServiceGrpc.newBlockingStub(channel).export(request("busy", record("wait"))));
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  static long retryDelaySeconds(StatusRuntimeException error) throws Exception {
    for (var detail : StatusProto.fromThrowable(error).getDetailsList()) {
      if (detail.is(RetryInfo.class)) {
        return detail.unpack(RetryInfo.class).getRetryDelay().getSeconds();
      }
    }
    return -1;
  }

  @Test
  void indexingBacklogGets429WithRetryAfterAndResourceExhaustedWithRetryInfo() throws Exception {
    IngestSink ingest = refusing(1_000_000, true, Long.MAX_VALUE);
    Response http = postHttp(ingest);
    assertThat(http.status()).isEqualTo(429);
    assertThat(http.headers()).containsEntry("Retry-After", "1");
    assertThat(com.google.rpc.Status.parseFrom(http.body()).getMessage()).contains("ingest.max_pending_events");
    StatusRuntimeException grpc = exportGrpc(ingest);
    assertThat(grpc.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.RESOURCE_EXHAUSTED);
    assertThat(retryDelaySeconds(grpc)).isEqualTo(1);
  }

  @Test
  void startingServerGets503WithRetryAfterAndUnavailable() throws Exception {
    IngestSink ingest = refusing(0, false, Long.MAX_VALUE);
    Response http = postHttp(ingest);
    assertThat(http.status()).isEqualTo(503);
    assertThat(http.headers()).containsKey("Retry-After");
    StatusRuntimeException grpc = exportGrpc(ingest);
    assertThat(grpc.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.UNAVAILABLE);
    assertThat(retryDelaySeconds(grpc)).isPositive();
  }

  @Test
  void nearlyFullDiskGets503ForHttpClientsToRetryAndResourceExhaustedWithRetryInfo() throws Exception {
    IngestSink ingest = refusing(0, true, 0);
    Response http = postHttp(ingest);
    assertThat(http.status()).isEqualTo(503);
    assertThat(http.headers()).containsEntry("Retry-After", "30");
    assertThat(com.google.rpc.Status.parseFrom(http.body()).getMessage()).contains("disk nearly full");
    StatusRuntimeException grpc = exportGrpc(ingest);
    assertThat(grpc.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.RESOURCE_EXHAUSTED);
    assertThat(retryDelaySeconds(grpc)).isEqualTo(30);
  }

  @Test
  void aBatchOverTheWalRecordLimitGets413AndResourceExhaustedWithoutRetry() throws Exception {
    IngestSink ingest = sink(0, true, Long.MAX_VALUE, new IngestBacklog(1000, 1000, Duration.ZERO), 16);
    Response http = postHttp(ingest);
    assertThat(http.status()).isEqualTo(413);
    assertThat(http.headers()).doesNotContainKey("Retry-After");
    assertThat(com.google.rpc.Status.parseFrom(http.body()).getMessage()).contains("record limit of 16 bytes");
    StatusRuntimeException grpc = exportGrpc(ingest);
    assertThat(grpc.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.RESOURCE_EXHAUSTED);
    assertThat(retryDelaySeconds(grpc)).isEqualTo(-1);
  }

  @Test
  void aServerStoppingWhileTheRequestWaitsForTheBacklogGets503WithRetryAfter() throws Exception {
    // Above the target: the request waits in the pacer, up to five minutes, until the server stops.
    IngestSink ingest = sink(500, true, Long.MAX_VALUE, new IngestBacklog(10, 1000, Duration.ofMinutes(5)),
        WalConfig.DEFAULT_MAX_RECORD_BYTES);
    java.util.concurrent.CompletableFuture<Response> answer = new java.util.concurrent.CompletableFuture<>();
    Thread handler = Thread.ofVirtual().start(() -> {
      try {
        answer.complete(postHttp(ingest));
      } catch (Exception e) {
        answer.completeExceptionally(e);
      }
    });
    Await.until("the request to wait in the pacer", () -> answer.isDone() || handler.getState() == Thread.State.TIMED_WAITING);
    assertThat(answer).as("answered without waiting for the backlog").isNotDone();
    handler.interrupt(); // what stopping the server does to a request in flight
    Response http = answer.get(30, TimeUnit.SECONDS);
    assertThat(http.status()).isEqualTo(503);
    assertThat(http.headers()).containsKey("Retry-After");
    assertThat(com.google.rpc.Status.parseFrom(http.body()).getMessage()).contains("server is stopping");
  }
}
