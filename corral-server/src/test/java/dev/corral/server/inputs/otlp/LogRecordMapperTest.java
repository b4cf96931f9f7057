package dev.corral.server.inputs.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.model.Timestamps;
import dev.corral.model.normalize.AliasTable;
import dev.corral.model.normalize.DecodeLimits;
import dev.corral.model.normalize.InvalidEventException;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class LogRecordMapperTest {
  static final long RECEIVED = Timestamps.parseIso("2026-11-21T17:00:00Z");
  final LogRecordMapper mapper = new LogRecordMapper(DecodeLimits.DEFAULTS, AliasTable.defaults());

  static KeyValue attr(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  static AnyValue text(String value) {
    return AnyValue.newBuilder().setStringValue(value).build();
  }

  static AnyValue kvlist(KeyValue... values) {
    return AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder().addAllValues(java.util.List.of(values))).build();
  }

  LogEvent map(Resource resource, String scope, LogRecord record) throws InvalidEventException {
    return mapper.map(mapper.context(resource, InstrumentationScope.newBuilder().setName(scope).build()), record, RECEIVED);
  }

  LogEvent map(LogRecord record) throws InvalidEventException {
    return map(Resource.getDefaultInstance(), "", record);
  }

  @Test
  void resourceAttributesBecomeServiceVersionHostAndEnvironment() throws Exception {
    Resource resource = Resource.newBuilder()
        .addAttributes(attr("service.name", text("checkout")))
        .addAttributes(attr("service.version", text("1.4.2")))
        .addAttributes(attr("host.name", text("web-7")))
        .addAttributes(attr("deployment.environment.name", text("prod")))
        .addAttributes(attr("cloud.region", text("eu-west-1")))
        .build();
    LogEvent event = map(resource, "com.shop.Checkout", LogRecord.newBuilder().setBody(text("paid")).build());
    assertThat(event.fields().toMap()).containsEntry("service", "checkout").containsEntry("version", "1.4.2")
        .containsEntry("host", "web-7").containsEntry("environment", "prod").containsEntry("cloud.region", "eu-west-1")
        .containsEntry("logger", "com.shop.Checkout");
    assertThat(event.message()).isEqualTo("paid");
  }

  @Test
  void severityNumberWinsAndSeverityTextIsUsedWhenNumberIsUnset() throws Exception {
    assertThat(map(LogRecord.newBuilder().setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_WARN2)
        .setSeverityText("whatever").build()).level()).isEqualTo(Level.WARN);
    assertThat(map(LogRecord.newBuilder().setSeverityText("error").build()).level()).isEqualTo(Level.ERROR);
    assertThat(map(LogRecord.newBuilder().setSeverityNumberValue(99).setSeverityText("debug").build()).level())
        .isEqualTo(Level.DEBUG);
    assertThat(map(LogRecord.getDefaultInstance()).level()).isEqualTo(Level.INFO);
  }

  @Test
  void timeFallsBackToObservedTimeThenToReceiveTime() throws Exception {
    long time = Timestamps.parseIso("2026-11-20T08:00:00.123456789Z");
    long observed = Timestamps.parseIso("2026-11-20T08:00:01Z");
    assertThat(map(LogRecord.newBuilder().setTimeUnixNano(time).setObservedTimeUnixNano(observed).build()).timestamp())
        .isEqualTo(time);
    assertThat(map(LogRecord.newBuilder().setObservedTimeUnixNano(observed).build()).timestamp()).isEqualTo(observed);
    assertThat(map(LogRecord.getDefaultInstance()).timestamp()).isEqualTo(RECEIVED);
  }

  @Test
  void traceAndSpanIdsBecomeLowercaseHexAndZeroIdsAreLeftOut() throws Exception {
    byte[] trace = HexFormat.of().parseHex("5B8EFFF798038103D269B633813FC60C");
    LogEvent event = map(LogRecord.newBuilder().setTraceId(ByteString.copyFrom(trace))
        .setSpanId(ByteString.copyFrom(new byte[8])).build());
    assertThat(event.fields().get("trace_id")).isEqualTo("5b8efff798038103d269b633813fc60c");
    assertThat(event.fields().get("span_id")).isNull();
  }

  @Test
  void structuredBodyIsFlattenedAndItsMessageKeyIsTheMessage() throws Exception {
    LogEvent event = map(LogRecord.newBuilder().setBody(kvlist(attr("message", text("order placed")),
        attr("order", kvlist(attr("id", AnyValue.newBuilder().setIntValue(42).build()))))).build());
    assertThat(event.message()).isEqualTo("order placed");
    assertThat(event.fields().get("order.id")).isEqualTo(42L);
  }

  @Test
  void nonStringBodiesBecomeText() throws Exception {
    assertThat(map(LogRecord.newBuilder().setBody(AnyValue.newBuilder().setIntValue(7)).build()).message()).isEqualTo("7");
    AnyValue array = AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder().addValues(text("a"))
        .addValues(AnyValue.newBuilder().setBoolValue(true))).build();
    assertThat(map(LogRecord.newBuilder().setBody(array).build()).message()).isEqualTo("[\"a\",true]");
  }

  @Test
  void attributesAreFlattenedWithTypesArraysAsJsonAndBytesAsBase64() throws Exception {
    LogEvent event = map(LogRecord.newBuilder()
        .addAttributes(attr("http", kvlist(attr("status_code", AnyValue.newBuilder().setIntValue(502).build()))))
        .addAttributes(attr("ratio", AnyValue.newBuilder().setDoubleValue(0.5).build()))
        .addAttributes(attr("retry", AnyValue.newBuilder().setBoolValue(true).build()))
        .addAttributes(attr("tags", AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder().addValues(text("x"))).build()))
        .addAttributes(attr("blob", AnyValue.newBuilder().setBytesValue(ByteString.copyFromUtf8("hi")).build()))
        .addAttributes(attr("nan", AnyValue.newBuilder().setDoubleValue(Double.NaN).build()))
        .build());
    assertThat(event.fields().toMap()).containsEntry("http.status_code", 502L).containsEntry("ratio", 0.5)
        .containsEntry("retry", true).containsEntry("tags", "[\"x\"]").containsEntry("blob", "aGk=")
        .containsEntry("nan", "NaN");
  }

  @Test
  void exceptionAttributesMapAndTypeIsDerivedFromTheStackTrace() throws Exception {
    LogEvent event = map(LogRecord.newBuilder()
        .addAttributes(attr("exception.stacktrace", text("java.lang.IllegalStateException: boom\n\tat a.B.c(B.java:1)")))
        .build());
    assertThat(event.fields().toMap()).containsEntry("exception.type", "java.lang.IllegalStateException")
        .containsEntry("exception.message", "boom");
  }

  @Test
  void anAttributeNamingTheLoggerWinsOverTheScopeName() throws Exception {
    LogEvent event = map(Resource.getDefaultInstance(), "io.opentelemetry.logback",
        LogRecord.newBuilder().addAttributes(attr("logger_name", text("com.shop.Cart"))).build());
    assertThat(event.fields().toMap()).containsEntry("logger", "com.shop.Cart")
        .containsEntry("scope.name", "io.opentelemetry.logback");
  }

  @Test
  void anAttributeCollidingWithARecordFieldIsKeptUnderItsOrigin() throws Exception {
    LogEvent event = map(LogRecord.newBuilder().setBody(text("real")).setTraceId(ByteString.copyFrom(new byte[] {1}))
        .addAttributes(attr("trace_id", text("from-attribute"))).build());
    assertThat(event.fields().toMap()).containsEntry("trace_id", "01").containsEntry("attributes.trace_id", "from-attribute");
  }

  @Test
  void recordsOverTheFieldLimitAreRejectedNamingTheSetting() {
    LogRecord.Builder record = LogRecord.newBuilder();
    for (int i = 0; i < 1001; i++) {
      record.addAttributes(attr("a" + i, text("v")));
    }
    assertThatThrownBy(() -> map(record.build())).isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("ingest.max_fields").hasMessageContaining("1000");
  }

  @Test
  void recordsOverTheSizeLimitAreRejectedAndLongMessagesAreTruncated() throws Exception {
    LogRecordMapper small = new LogRecordMapper(new DecodeLimits(2048, 100, 5, 100), AliasTable.defaults());
    LogRecordMapper.Context context = small.context(Resource.getDefaultInstance(), InstrumentationScope.getDefaultInstance());
    assertThatThrownBy(() -> small.map(context, LogRecord.newBuilder().setBody(text("x".repeat(4000))).build(), RECEIVED))
        .hasMessageContaining("ingest.max_event_bytes").hasMessageContaining("2048");
    LogEvent cut = small.map(context, LogRecord.newBuilder().setBody(text("é".repeat(100))).build(), RECEIVED);
    assertThat(cut.message()).isEqualTo("é".repeat(50));
    assertThat(cut.fields().get("_truncated")).isEqualTo(true);
  }

  @Test
  void nestingDeeperThanTheLimitIsRejected() {
    LogRecordMapper shallow = new LogRecordMapper(new DecodeLimits(1 << 20, 100, 2, 1000), AliasTable.defaults());
    LogRecord record = LogRecord.newBuilder().addAttributes(attr("a", kvlist(attr("b", kvlist(attr("c", text("d"))))))).build();
    assertThatThrownBy(() -> shallow.map(shallow.context(Resource.getDefaultInstance(),
        InstrumentationScope.getDefaultInstance()), record, RECEIVED)).hasMessageContaining("ingest.max_depth");
  }
}
