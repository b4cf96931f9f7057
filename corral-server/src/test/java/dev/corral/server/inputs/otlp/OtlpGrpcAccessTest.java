package dev.corral.server.inputs.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.server.TestServer;
import dev.corral.server.auth.ApiKeys;
import dev.corral.server.auth.KeyLimits;
import dev.corral.server.auth.KeySpec;
import dev.corral.server.auth.Scope;
import dev.corral.server.inputs.IngestKeys;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.GrpcResponse;
import io.opentelemetry.sdk.common.export.GrpcStatusCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real OpenTelemetry Java SDK's gRPC exporter against a server that requires API keys: the key goes in the
 * exporter's headers (gRPC metadata {@code authorization}), as the SDK's {@code OTEL_EXPORTER_OTLP_HEADERS} and the
 * Collector's {@code headers} option send it. A call without a valid ingest key is refused with the gRPC status the
 * SDK reports, and nothing of it is stored.
 */
class OtlpGrpcAccessTest {
  @TempDir
  Path data;

  private static TestServer start(Path data, String authMode) throws Exception {
    return TestServer.start(data, Map.of("otlp.grpc_port", "0", "auth.mode", authMode));
  }

  /** Exports one record of {@code service} with the real SDK exporter sending {@code authorization} (none when null). */
  private static CompletableResultCode export(TestServer server, String authorization, String service) {
    return export(server, authorization, service, 1);
  }

  /** Exports {@code records} records of {@code service} in one call. */
  private static CompletableResultCode export(TestServer server, String authorization, String service, int records) {
    var builder = OtlpGrpcLogRecordExporter.builder().setEndpoint("http://127.0.0.1:" + server.server().otlpGrpcPort());
    if (authorization != null) {
      builder.addHeader("authorization", authorization);
    }
    OtlpGrpcLogRecordExporter exporter = builder.build();
    OtlpSdkCompatibilityTest.Collecting collected = new OtlpSdkCompatibilityTest.Collecting();
    SdkLoggerProvider provider = SdkLoggerProvider.builder()
        .setResource(Resource.create(Attributes.builder().put("service.name", service).build()))
        .addLogRecordProcessor(SimpleLogRecordProcessor.create(collected)).build();
    for (int i = 0; i < records; i++) {
      provider.get("access-test").logRecordBuilder().setSeverity(Severity.INFO).setBody("sent by " + service).emit();
    }
    provider.shutdown().join(10, TimeUnit.SECONDS);
    CompletableResultCode result = exporter.export(collected.records).join(20, TimeUnit.SECONDS);
    exporter.shutdown().join(10, TimeUnit.SECONDS);
    return result;
  }

  /** The gRPC answer the SDK got for a failed export. */
  private static GrpcResponse refusal(CompletableResultCode result) {
    assertThat(result.isDone()).as("export finished").isTrue();
    assertThat(result.isSuccess()).as("export refused").isFalse();
    assertThat(result.getFailureThrowable()).isInstanceOf(FailedExportException.GrpcExportException.class);
    FailedExportException.GrpcExportException failure = (FailedExportException.GrpcExportException) result.getFailureThrowable();
    assertThat(failure.failedWithResponse()).as("the server answered with a status: %s", failure).isTrue();
    return failure.getResponse();
  }

  @Test
  void anIngestKeyInEveryFormTheExporterHeadersCanCarryStoresTheRecords() throws Exception {
    IngestKeys keys = IngestKeys.create(data);
    String basic = Base64.getEncoder().encodeToString(keys.ingest().getBytes(StandardCharsets.UTF_8));
    try (TestServer server = start(data, "keys")) {
      assertThat(export(server, "Bearer " + keys.ingest(), "grpc-bearer").isSuccess()).isTrue();
      assertThat(export(server, "ApiKey " + basic, "grpc-apikey").isSuccess()).isTrue();
      assertThat(export(server, "Basic " + basic, "grpc-basic").isSuccess()).isTrue();
      keys.awaitTotal(server, "service:grpc-bearer OR service:grpc-apikey OR service:grpc-basic", 3);
      assertThat(keys.inputStats(server, OtlpGrpcServer.INPUT).path("refused_calls").asLong()).isZero();
    }
  }

  @Test
  void missingWrongExpiredAndRevokedKeysAreUnauthenticatedAndNothingIsStored() throws Exception {
    IngestKeys keys = IngestKeys.create(data);
    String wrong = IngestKeys.id(keys.ingest()) + ":not-the-secret-at-all";
    Map<String, String> cases = Map.of(
        "missing", "",
        "unknown id", "Bearer nosuchkeyid0:" + IngestKeys.secret(keys.ingest()),
        "wrong secret", "Bearer " + wrong,
        "expired", "Bearer " + keys.expired(),
        "revoked", "Bearer " + keys.revoked());
    Map<String, String> reasons = Map.of("missing", "an API key is required",
        "unknown id", "invalid API key (unknown id or wrong secret)",
        "wrong secret", "invalid API key (unknown id or wrong secret)",
        "expired", "API key " + IngestKeys.id(keys.expired()) + " expired at",
        "revoked", "API key " + IngestKeys.id(keys.revoked()) + " was revoked at");
    try (TestServer server = start(data, "keys")) {
      for (Map.Entry<String, String> credential : cases.entrySet()) {
        String authorization = credential.getValue().isEmpty() ? null : credential.getValue();
        GrpcResponse response = refusal(export(server, authorization, "refused-grpc"));
        assertThat(response.getStatusCode()).as(credential.getKey()).isEqualTo(GrpcStatusCode.UNAUTHENTICATED);
        assertThat(response.getStatusDescription()).as(credential.getKey())
            .contains(reasons.get(credential.getKey()))
            .doesNotContain(IngestKeys.secret(keys.ingest())).doesNotContain("not-the-secret-at-all")
            .doesNotContain(IngestKeys.secret(keys.expired())).doesNotContain(IngestKeys.secret(keys.revoked()));
      }
      // stored in order: once the accepted call's record is searchable, a refused one would be too
      assertThat(export(server, "Bearer " + keys.ingest(), "accepted-grpc").isSuccess()).isTrue();
      keys.awaitTotal(server, "service:accepted-grpc", 1);
      assertThat(keys.total(server, "service:refused-grpc")).isZero();
      assertThat(keys.inputStats(server, OtlpGrpcServer.INPUT).path("refused_calls").asLong()).isEqualTo(cases.size());
    }
  }

  @Test
  void aReadKeyIsPermissionDeniedNamingTheScopeNeeded() throws Exception {
    IngestKeys keys = IngestKeys.create(data);
    try (TestServer server = start(data, "keys")) {
      GrpcResponse response = refusal(export(server, "Bearer " + keys.read(), "read-key-grpc"));
      assertThat(response.getStatusCode()).isEqualTo(GrpcStatusCode.PERMISSION_DENIED);
      assertThat(response.getStatusDescription())
          .isEqualTo("API key " + IngestKeys.id(keys.read()) + " has scope read; this needs scope ingest");
      assertThat(export(server, "Bearer " + keys.ingest(), "after-read-key").isSuccess()).isTrue();
      keys.awaitTotal(server, "service:after-read-key", 1);
      assertThat(keys.total(server, "service:read-key-grpc")).isZero();
    }
  }

  @Test
  void malformedAndOversizedAuthorizationValuesAreRefusedCleanly() throws Exception {
    IngestKeys keys = IngestKeys.create(data);
    Map<String, String> cases = Map.of(
        "Bearer " + "k".repeat(2_000), "is 2007 characters, more than the 1024 allowed",
        "Bearer " + IngestKeys.secret(keys.ingest()), "the Bearer credentials are not id:secret",
        "Digest username=\"x\"", "the Authorization scheme 'Digest' is not supported",
        "Basic %%%not-base64", "the Basic credentials are not base64",
        IngestKeys.secret(keys.ingest()), "the Authorization header has no scheme");
    try (TestServer server = start(data, "keys")) {
      for (Map.Entry<String, String> value : cases.entrySet()) {
        GrpcResponse response = refusal(export(server, value.getKey(), "malformed-grpc"));
        assertThat(response.getStatusCode()).as(value.getValue()).isEqualTo(GrpcStatusCode.UNAUTHENTICATED);
        assertThat(response.getStatusDescription()).contains(value.getValue())
            .doesNotContain(IngestKeys.secret(keys.ingest()));
      }
      GrpcResponse oversized = refusal(export(server, "Bearer " + "k".repeat(20_000), "malformed-grpc"));
      assertThat(oversized.getStatusCode()).isEqualTo(GrpcStatusCode.UNAUTHENTICATED);
      assertThat(oversized.getStatusDescription()).contains("is 20007 characters, more than the 1024 allowed");
      // past the metadata limit the transport refuses the call before any of Corral's code runs
      CompletableResultCode beyond = export(server, "Bearer " + "k".repeat(OtlpGrpcServer.MAX_METADATA_BYTES), "malformed-grpc");
      assertThat(beyond.isDone() && !beyond.isSuccess()).as("refused").isTrue();
      assertThat(export(server, "Bearer " + keys.ingest(), "after-malformed").isSuccess()).isTrue();
      keys.awaitTotal(server, "service:after-malformed", 1);
      assertThat(keys.total(server, "service:malformed-grpc")).isZero();
    }
  }

  @Test
  void aKeysEventsPerSecondLimitAppliesToItsCalls() throws Exception {
    IngestKeys keys = IngestKeys.create(data);
    String slow = ApiKeys.open(data, Clock.systemUTC())
        .create(new KeySpec("slow-sdk", Scope.INGEST, List.of(), null, null, new KeyLimits(1, 0))).key();
    try (TestServer server = start(data, "keys")) {
      // ten records at one per second: taken from the full bucket, leaving it ten seconds in debt
      assertThat(export(server, "Bearer " + slow, "limited-grpc", 10).isSuccess()).isTrue();
      GrpcResponse refused = refusal(export(server, "Bearer " + slow, "refused-limited-grpc", 1));
      assertThat(refused.getStatusCode()).isEqualTo(GrpcStatusCode.RESOURCE_EXHAUSTED);
      assertThat(refused.getStatusDescription()).contains(IngestKeys.id(slow));
      assertThat(export(server, "Bearer " + keys.ingest(), "unlimited-grpc", 10).isSuccess()).as("another key").isTrue();
      keys.awaitTotal(server, "service:limited-grpc OR service:unlimited-grpc", 20);
      assertThat(keys.total(server, "service:refused-limited-grpc")).isZero();
    }
  }

  @Test
  void withoutAccessControlEveryCallIsTakenWhateverItCarries() throws Exception {
    try (TestServer server = start(data, "none")) {
      assertThat(export(server, "Bearer not-a-key", "open-grpc").isSuccess()).isTrue();
      assertThat(export(server, null, "open-grpc").isSuccess()).isTrue();
      server.awaitTotal("service:open-grpc", 2);
    }
  }
}
