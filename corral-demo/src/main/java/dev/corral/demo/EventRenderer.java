package dev.corral.demo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link SimEvent} as one JSON object (no newline) in its service's {@link LogShape}.
 * Every shape carries the trace id and, for requests, the request id under a name Corral's alias
 * table knows ({@code trace_id}, {@code traceId}, {@code trace.id}, {@code TraceId};
 * {@code request_id}, {@code requestId}, {@code RequestKey}). Not thread-safe: it reuses one buffer.
 */
final class EventRenderer {
  private static final DateTimeFormatter MILLIS_Z =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MICROS_Z =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
  /** .NET's round-trip ("o") format: seven fraction digits. */
  private static final DateTimeFormatter DOTNET_ROUND_TRIP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'").withZone(ZoneOffset.UTC);
  /** logback's default: an offset rather than Z. */
  private static final DateTimeFormatter MILLIS_OFFSET =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx").withZone(ZoneOffset.UTC);
  /** Python logging's asctime: no zone (the pods run in UTC), comma before the millis. */
  private static final DateTimeFormatter ASCTIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS").withZone(ZoneOffset.UTC);
  static final String ECS_VERSION = "8.11.0";

  private final JsonFactory factory = new JsonFactory();
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);

  byte[] render(SimEvent e) {
    buffer.reset();
    try (JsonGenerator g = factory.createGenerator(buffer)) {
      g.writeStartObject();
      switch (e.service().shape()) {
        case UNIFIED -> unified(g, e);
        case COMMON_FORMAT -> commonFormat(g, e);
        case KEY_STYLE -> keyStyle(g, e);
        case PYTHON_JSON -> pythonJson(g, e);
        case LOGSTASH -> logstash(g, e);
        case ECS -> ecs(g, e);
      }
      g.writeEndObject();
    } catch (IOException ex) {
      throw new UncheckedIOException("BUG: writing JSON to memory failed", ex);
    }
    return buffer.toByteArray();
  }

  private static void unified(JsonGenerator g, SimEvent e) throws IOException {
    ShopService s = e.service();
    string(g, "timestamp", MILLIS_Z.format(e.timestamp()));
    string(g, "level", e.severity().name());
    string(g, "service", s.name());
    string(g, "version", s.version());
    string(g, "environment", ShopCatalog.ENVIRONMENT);
    string(g, "host", e.pod().name());
    string(g, "logtype", e.logtype());
    string(g, "trace_id", e.traceId());
    string(g, "span_id", e.spanId());
    string(g, "user_id", e.userId());
    string(g, "request_id", e.requestId());
    string(g, "message", e.message());
    if (!e.context().isEmpty()) {
      g.writeObjectFieldStart("context");
      fields(g, e.context());
      g.writeEndObject();
    }
    if (e.http() != null) {
      HttpCall h = e.http();
      g.writeObjectFieldStart("http");
      string(g, "method", h.method());
      string(g, "uri", h.uri());
      g.writeNumberField("status_code", h.status());
      string(g, "user_agent", h.userAgent());
      g.writeNumberField("bytes_sent", h.bytesSent());
      string(g, "source_ip", h.sourceIp());
      string(g, "referer", h.referer());
      g.writeEndObject();
    }
    nestedExternal(g, e.external());
    g.writeObjectFieldStart("performance");
    if (e.durationMs() != null) {
      g.writeNumberField("duration_ms", e.durationMs());
    }
    g.writeNumberField("memory_mb", e.memoryMb());
    g.writeEndObject();
    if (e.failure() != null) {
      g.writeObjectFieldStart("exception");
      string(g, "type", e.failure().type());
      string(g, "message", e.failure().message());
      string(g, "traceback", e.failure().stackTrace());
      g.writeEndObject();
    }
    string(g, "module", s.loggerFor(e.handler()));
    string(g, "function", e.handler());
    g.writeNumberField("line", s.lineOf(e.handler()));
  }

  private static void commonFormat(JsonGenerator g, SimEvent e) throws IOException {
    ShopService s = e.service();
    string(g, "version", "v2");
    string(g, "request_id", e.requestId());
    string(g, "trace_id", e.traceId());
    string(g, "span_id", e.spanId());
    string(g, "timestamp", MICROS_Z.format(e.timestamp()));
    string(g, "logtype", e.logtype());
    string(g, "loglevel", e.severity().name().toLowerCase(Locale.ROOT));
    string(g, "service_name", s.name());
    string(g, "branchname", "release/" + s.version());
    string(g, "host", e.pod().name());
    string(g, "environment", ShopCatalog.ENVIRONMENT);
    string(g, "message", e.message());
    accessFields(g, e.http());
    externalFields(g, e.external());
    if (e.failure() != null) {
      string(g, "exception_type", e.failure().type());
      string(g, "traceback", e.failure().stackTrace());
    }
    string(g, "user_id", e.userId());
    fields(g, e.context());
  }

  private static void keyStyle(JsonGenerator g, SimEvent e) throws IOException {
    ShopService s = e.service();
    string(g, "ServiceKey", s.name());
    string(g, "ComponentKey", simpleName(s.loggerFor(e.handler())));
    string(g, "RequestKey", e.requestId());
    string(g, "TraceId", e.traceId());
    string(g, "HostAddress", e.pod().ip());
    string(g, "TimeStampUTC", DOTNET_ROUND_TRIP.format(e.timestamp()));
    string(g, "Title", e.message());
    // Beyond the eight schema keys, PascalCase like them; Corral matches canonical names case-insensitively.
    string(g, "LogType", e.logtype());
    string(g, "SpanId", e.spanId());
    string(g, "Version", s.version());
    string(g, "Environment", ShopCatalog.ENVIRONMENT);
    g.writeObjectFieldStart("Additional");
    string(g, "UserId", e.userId());
    string(g, "Pod", e.pod().name());
    if (e.http() != null) {
      HttpCall h = e.http();
      string(g, "HttpMethod", h.method());
      string(g, "Uri", h.uri());
      g.writeNumberField("StatusCode", h.status());
      string(g, "UserAgent", h.userAgent());
      string(g, "ClientIp", h.sourceIp());
      g.writeNumberField("BytesSent", h.bytesSent());
    }
    if (e.external() != null) {
      ExternalCall x = e.external();
      string(g, "ExternalHost", x.host());
      string(g, "ExternalEndpoint", x.endpoint());
      g.writeNumberField("ExternalStatus", x.status());
    }
    if (e.durationMs() != null) {
      g.writeNumberField("ElapsedMs", e.durationMs());
    }
    if (e.failure() != null) {
      string(g, "ExceptionType", e.failure().type());
      string(g, "ExceptionMessage", e.failure().message());
      string(g, "StackTrace", e.failure().stackTrace());
    }
    for (Map.Entry<String, Object> f : e.context().entrySet()) {
      value(g, pascalCase(f.getKey()), f.getValue());
    }
    g.writeEndObject();
    string(g, "Level", e.severity().dotnetName());
  }

  private static void pythonJson(JsonGenerator g, SimEvent e) throws IOException {
    ShopService s = e.service();
    string(g, "asctime", ASCTIME.format(e.timestamp()));
    string(g, "name", s.loggerFor(e.handler()));
    string(g, "levelname", e.severity().pythonName());
    string(g, "message", e.message());
    if (e.failure() != null) {
      string(g, "exc_info", e.failure().stackTrace());
    }
    string(g, "service", s.name());
    string(g, "version", s.version());
    string(g, "environment", ShopCatalog.ENVIRONMENT);
    string(g, "hostname", e.pod().name());
    string(g, "logtype", e.logtype());
    string(g, "trace_id", e.traceId());
    string(g, "span_id", e.spanId());
    string(g, "request_id", e.requestId());
    string(g, "user_id", e.userId());
    string(g, "funcName", e.handler());
    g.writeNumberField("lineno", s.lineOf(e.handler()));
    accessFields(g, e.http());
    externalFields(g, e.external());
    if (e.http() == null && e.external() == null && e.durationMs() != null) {
      g.writeNumberField("duration_ms", e.durationMs());
    }
    fields(g, e.context());
  }

  private static void logstash(JsonGenerator g, SimEvent e) throws IOException {
    ShopService s = e.service();
    string(g, "@timestamp", MILLIS_OFFSET.format(e.timestamp()));
    string(g, "@version", "1");
    string(g, "message", e.message());
    string(g, "logger_name", s.loggerFor(e.handler()));
    string(g, "thread_name", threadName(e));
    string(g, "level", e.severity().name());
    g.writeNumberField("level_value", e.severity().logbackValue());
    if (e.failure() != null) {
      string(g, "stack_trace", e.failure().stackTrace());
    }
    string(g, "traceId", e.traceId());
    string(g, "spanId", e.spanId());
    string(g, "requestId", e.requestId());
    string(g, "userId", e.userId());
    string(g, "service", s.name());
    string(g, "version", s.version());
    string(g, "environment", ShopCatalog.ENVIRONMENT);
    string(g, "HOSTNAME", e.pod().name());
    string(g, "logtype", e.logtype());
    accessFields(g, e.http());
    externalFields(g, e.external());
    if (e.http() == null && e.external() == null && e.durationMs() != null) {
      g.writeNumberField("duration_ms", e.durationMs());
    }
    fields(g, e.context());
  }

  private static void ecs(JsonGenerator g, SimEvent e) throws IOException {
    ShopService s = e.service();
    string(g, "@timestamp", MILLIS_Z.format(e.timestamp()));
    g.writeObjectFieldStart("log");
    string(g, "level", e.severity().name());
    string(g, "logger", s.loggerFor(e.handler()));
    g.writeEndObject();
    string(g, "message", e.message());
    g.writeObjectFieldStart("ecs");
    string(g, "version", ECS_VERSION);
    g.writeEndObject();
    g.writeObjectFieldStart("service");
    string(g, "name", s.name());
    string(g, "version", s.version());
    string(g, "environment", ShopCatalog.ENVIRONMENT);
    g.writeEndObject();
    g.writeObjectFieldStart("host");
    string(g, "name", e.pod().name());
    g.writeEndObject();
    g.writeObjectFieldStart("process");
    g.writeObjectFieldStart("thread");
    string(g, "name", threadName(e));
    g.writeEndObject();
    g.writeEndObject();
    g.writeObjectFieldStart("trace");
    string(g, "id", e.traceId());
    g.writeEndObject();
    g.writeObjectFieldStart("span");
    string(g, "id", e.spanId());
    g.writeEndObject();
    g.writeObjectFieldStart("event");
    string(g, "dataset", s.name() + "." + e.logtype());
    if (e.durationMs() != null) {
      g.writeNumberField("duration", Math.round(e.durationMs() * 1_000_000));
    }
    g.writeEndObject();
    if (e.requestId() != null || e.http() != null) {
      g.writeObjectFieldStart("http");
      g.writeObjectFieldStart("request");
      string(g, "id", e.requestId());
      if (e.http() != null) {
        string(g, "method", e.http().method());
      }
      g.writeEndObject();
      if (e.http() != null) {
        g.writeObjectFieldStart("response");
        g.writeNumberField("status_code", e.http().status());
        g.writeObjectFieldStart("body");
        g.writeNumberField("bytes", e.http().bytesSent());
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    if (e.http() != null) {
      g.writeObjectFieldStart("url");
      string(g, "path", e.http().uri());
      g.writeEndObject();
      g.writeObjectFieldStart("user_agent");
      string(g, "original", e.http().userAgent());
      g.writeEndObject();
      g.writeObjectFieldStart("client");
      string(g, "ip", e.http().sourceIp());
      g.writeEndObject();
    }
    if (e.external() != null) {
      g.writeObjectFieldStart("url");
      string(g, "full", e.external().protocol() + "://" + e.external().host() + e.external().endpoint());
      g.writeEndObject();
      g.writeObjectFieldStart("destination");
      string(g, "address", e.external().host());
      g.writeEndObject();
      nestedExternal(g, e.external());
    }
    if (e.failure() != null) {
      g.writeObjectFieldStart("error");
      string(g, "type", e.failure().type());
      string(g, "message", e.failure().message());
      string(g, "stack_trace", e.failure().stackTrace());
      g.writeEndObject();
    }
    if (e.userId() != null) {
      g.writeObjectFieldStart("user");
      string(g, "id", e.userId());
      g.writeEndObject();
    }
    // MDC entries and structured arguments, written top-level by ecs-logging-java.
    string(g, "logtype", e.logtype());
    fields(g, e.context());
  }

  /** The external call as an object whose flattened names are Corral's canonical {@code external.*}. */
  private static void nestedExternal(JsonGenerator g, ExternalCall x) throws IOException {
    if (x == null) {
      return;
    }
    g.writeObjectFieldStart("external");
    string(g, "protocol", x.protocol());
    string(g, "host", x.host());
    string(g, "endpoint", x.endpoint());
    string(g, "method", x.method());
    g.writeNumberField("status_code", x.status());
    g.writeNumberField("time_taken_ms", x.timeTakenMs());
    g.writeEndObject();
  }

  /** The common-format access fields, shared by the flat shapes. */
  private static void accessFields(JsonGenerator g, HttpCall h) throws IOException {
    if (h == null) {
      return;
    }
    g.writeNumberField("status_code", h.status());
    string(g, "http_method", h.method());
    string(g, "uri", h.uri());
    string(g, "user_agent", h.userAgent());
    g.writeNumberField("bytes_sent", h.bytesSent());
    string(g, "referer", h.referer());
    string(g, "source_ip", h.sourceIp());
    g.writeNumberField("response_time", h.responseTimeMs());
  }

  /** The common-format external-call fields, shared by the flat shapes. */
  private static void externalFields(JsonGenerator g, ExternalCall x) throws IOException {
    if (x == null) {
      return;
    }
    string(g, "external_protocol", x.protocol());
    string(g, "external_host", x.host());
    string(g, "external_endpoint", x.endpoint());
    string(g, "external_method", x.method());
    g.writeNumberField("external_status", x.status());
    g.writeNumberField("external_time_taken", x.timeTakenMs());
  }

  private static void fields(JsonGenerator g, Map<String, Object> fields) throws IOException {
    for (Map.Entry<String, Object> f : fields.entrySet()) {
      value(g, f.getKey(), f.getValue());
    }
  }

  private static void value(JsonGenerator g, String name, Object value) throws IOException {
    switch (value) {
      case null -> { }
      case String s -> g.writeStringField(name, s);
      case Integer i -> g.writeNumberField(name, i);
      case Long l -> g.writeNumberField(name, l);
      case Double d -> g.writeNumberField(name, d);
      case Boolean b -> g.writeBooleanField(name, b);
      default -> throw new IllegalStateException("BUG: context field " + name + " has unsupported type "
          + value.getClass().getName());
    }
  }

  private static void string(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }

  private static String threadName(SimEvent e) {
    if (e.logtype().equals("background")) {
      return "scheduling-1";
    }
    return "http-nio-8080-exec-" + (1 + Math.floorMod(e.spanId().hashCode(), 200));
  }

  private static String simpleName(String qualified) {
    return qualified.substring(qualified.lastIndexOf('.') + 1);
  }

  /** {@code order_id} → {@code OrderId}. */
  static String pascalCase(String snake) {
    StringBuilder out = new StringBuilder(snake.length());
    boolean upper = true;
    for (char c : snake.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }
}
