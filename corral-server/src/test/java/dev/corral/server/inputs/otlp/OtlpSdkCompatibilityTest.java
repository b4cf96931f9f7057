package dev.corral.server.inputs.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.internal.otlp.logs.LogsRequestMarshaler;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.LogLimits;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.resources.Resource;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real OpenTelemetry Java SDK exports logs to Corral over every OTLP transport, and every
 * record is found through the search API with its canonical fields.
 */
class OtlpSdkCompatibilityTest {
  static final String TRACE_ID = "5b8efff798038103d269b633813fc60c";
  static final String SPAN_ID = "eee19b7ec3c1b174";
  static final String UNICODE = "Zahlung über 12,50 € bestätigt — 支付成功 ✅ naïve café";
  static final String STACK_TRACE = """
      java.lang.IllegalStateException: card declined by issuer
      \tat com.shop.payment.Gateway.charge(Gateway.java:42)
      \tat com.shop.checkout.Checkout.pay(Checkout.java:17)
      Caused by: java.net.SocketTimeoutException: read timed out
      \t... 2 more""";
  /** More attributes than ingest.max_fields (1000 by default): the record the server must reject. */
  static final int TOO_MANY_ATTRIBUTES = 1500;

  @TempDir
  Path data;
  TestServer server;
  final Instant time = Instant.now().truncatedTo(ChronoUnit.MILLIS).plusNanos(123_456);

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(data, Map.of("otlp.grpc_port", "0"));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void httpProtobufExporterWithGzipDeliversEveryRecord() throws Exception {
    OtlpHttpLogRecordExporter exporter = OtlpHttpLogRecordExporter.builder()
        .setEndpoint(server.uri("/v1/logs").toString()).setCompression("gzip").build();
    emit(exporter, "checkout-http");
    assertDelivered("checkout-http");
  }

  @Test
  void grpcExporterWithGzipDeliversEveryRecord() throws Exception {
    OtlpGrpcLogRecordExporter exporter = OtlpGrpcLogRecordExporter.builder()
        .setEndpoint("http://127.0.0.1:" + server.server().otlpGrpcPort()).setCompression("gzip").build();
    emit(exporter, "checkout-grpc");
    assertDelivered("checkout-grpc");
  }

  /**
   * The SDK's exporters have no JSON switch in this version; the request is encoded by the SDK's
   * own OTLP/JSON marshaler (hex ids, integer enums) and posted as {@code application/json}.
   */
  @Test
  void sdkOtlpJsonEncodingDeliversEveryRecord() throws Exception {
    Collecting collecting = new Collecting();
    emit(collecting, "checkout-json");
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    LogsRequestMarshaler.create(collecting.records).writeJsonTo(json);
    assertThat(json.toString()).contains("\"traceId\":\"" + TRACE_ID + "\"");
    TestServer.Reply reply = server.post("/v1/logs", json.toByteArray(), "Content-Type", "application/json");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).isEqualTo("application/json");
    assertThat(reply.json().path("partialSuccess").path("rejectedLogRecords").asText()).isEqualTo("1");
    assertThat(reply.json().path("partialSuccess").path("errorMessage").asText()).contains("ingest.max_fields");
    assertDelivered("checkout-json");
  }

  private void emit(LogRecordExporter exporter, String service) {
    Resource resource = Resource.getDefault().merge(Resource.create(Attributes.builder()
        .put("service.name", service).put("service.version", "1.4.2").put("host.name", "web-7")
        .put("deployment.environment.name", "prod").put("k8s.pod.name", "checkout-7d9f").build()));
    SdkLoggerProvider provider = SdkLoggerProvider.builder().setResource(resource)
        .setLogLimits(() -> LogLimits.builder().setMaxNumberOfAttributes(TOO_MANY_ATTRIBUTES * 2).build())
        .addLogRecordProcessor(BatchLogRecordProcessor.builder(exporter).build()).build();
    Logger logger = provider.get("com.shop.checkout");
    Context traced = Context.root().with(Span.wrap(SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(),
        TraceState.getDefault())));
    logger.logRecordBuilder().setTimestamp(time).setSeverity(Severity.INFO).setSeverityText("INFO").setBody(UNICODE)
        .setAttribute(AttributeKey.stringKey("user.id"), "u-42").setAttribute(AttributeKey.longKey("http.status_code"), 200L)
        .setContext(traced).emit();
    logger.logRecordBuilder().setTimestamp(time).setSeverity(Severity.ERROR2).setBody(STACK_TRACE)
        .setAttribute(AttributeKey.stringKey("exception.type"), "java.lang.IllegalStateException")
        .setAttribute(AttributeKey.stringKey("exception.stacktrace"), STACK_TRACE).emit();
    logger.logRecordBuilder().setTimestamp(time).setSeverity(Severity.WARN).setBody(largeMessage()).emit();
    LogRecordBuilder tooWide = logger.logRecordBuilder().setTimestamp(time).setSeverity(Severity.INFO).setBody("too wide");
    for (int i = 0; i < TOO_MANY_ATTRIBUTES; i++) {
      tooWide.setAttribute(AttributeKey.stringKey("attr" + i), "v");
    }
    tooWide.emit();
    assertThat(provider.forceFlush().join(20, TimeUnit.SECONDS).isSuccess()).isTrue();
    provider.shutdown().join(20, TimeUnit.SECONDS);
  }

  private void assertDelivered(String service) throws Exception {
    server.awaitTotal("service:" + service, 3);

    JsonNode info = only("service:" + service + " AND level:INFO");
    assertThat(info.path("message").asText()).isEqualTo(UNICODE);
    assertThat(Instant.parse(info.path("timestamp").asText())).isEqualTo(time);
    assertThat(info.path("trace_id").asText()).isEqualTo(TRACE_ID);
    assertThat(info.path("span_id").asText()).isEqualTo(SPAN_ID);
    assertThat(info.path("version").asText()).isEqualTo("1.4.2");
    assertThat(info.path("host").asText()).isEqualTo("web-7");
    assertThat(info.path("environment").asText()).isEqualTo("prod");
    assertThat(info.path("logger").asText()).isEqualTo("com.shop.checkout");
    assertThat(info.path("user_id").asText()).isEqualTo("u-42");
    assertThat(info.path("http.status_code").asLong()).isEqualTo(200);
    assertThat(info.path("k8s.pod.name").asText()).isEqualTo("checkout-7d9f");
    assertThat(only("trace_id:" + TRACE_ID).path("service").asText()).isEqualTo(service);

    JsonNode error = only("service:" + service + " AND level:ERROR");
    assertThat(error.path("message").asText()).isEqualTo(STACK_TRACE);
    assertThat(error.path("exception.type").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(error.path("exception.message").asText()).isEqualTo("card declined by issuer");

    JsonNode large = only("service:" + service + " AND level:WARN");
    assertThat(large.path("message").asText()).isEqualTo(largeMessage());

    JsonNode letter = server.awaitTotal("logtype:dead_letter AND dead_letter.input:otlp", 1).path("events").get(0);
    assertThat(letter.path("dead_letter.reason").asText()).contains("resourceLogs[0].scopeLogs[0].logRecords[3]")
        .contains("ingest.max_fields");
    assertThat(letter.path("dead_letter.excerpt").asText()).contains("too wide");
  }

  private JsonNode only(String query) throws InterruptedException {
    return server.awaitTotal(query, 1).path("events").get(0);
  }

  /** 64 KiB of text, starting with a word a search can find. */
  static String largeMessage() {
    StringBuilder text = new StringBuilder("bigpayload");
    while (text.length() < 64 * 1024) {
      text.append(" chunk-").append(text.length());
    }
    return text.substring(0, 64 * 1024);
  }

  /** Keeps what the SDK exports, for encoding it by hand. */
  static final class Collecting implements LogRecordExporter {
    final List<LogRecordData> records = new ArrayList<>();

    @Override
    public synchronized CompletableResultCode export(Collection<LogRecordData> logs) {
      records.addAll(logs);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
