package dev.corral.server.inputs.otlp;

import dev.corral.model.FieldNames;
import dev.corral.model.Fields;
import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.model.Timestamps;
import dev.corral.model.normalize.AliasTable;
import dev.corral.model.normalize.DecodeLimits;
import dev.corral.model.normalize.InvalidEventException;
import dev.corral.model.normalize.Normalizer;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.HexFormat;
import java.util.Map;

/**
 * Turns one OTLP {@code LogRecord} with its resource and scope into a canonical {@link LogEvent}.
 *
 * <p>The raw fields are built in this order, and a later field whose name is already taken is kept
 * under {@code <origin>.<name>} ({@code attributes.trace_id}, {@code resource.message}) so nothing
 * is lost:
 * <ol>
 *   <li>the record's own fields: {@code time_unix_nano} (or {@code observed_time_unix_nano}) as
 *       {@code timestamp}; {@code severity_number} 1-24 as {@code level}
 *       ({@link Level#fromOtelSeverityNumber}), or {@code severity_text} when the number is 0;
 *       a string body as {@code message} (any other scalar or array body as its text);
 *       {@code trace_id}/{@code span_id} as lowercase hex (left out when empty or all zero);
 *       {@code event_name} as {@code event.name};
 *   <li>a key-value-list body, flattened with dots (its {@code message}/{@code msg} key becomes
 *       the message through the alias table);
 *   <li>the record's attributes, flattened ({@link AttributeFlattener});
 *   <li>resource attributes, with {@code service.name} → {@code service}, {@code service.version}
 *       → {@code version}, {@code host.name} → {@code host} and {@code deployment.environment.name}
 *       or {@code deployment.environment} → {@code environment}; the others under their names;
 *       then scope attributes;
 *   <li>the scope name as {@code logger}, unless a body or record attribute already names the
 *       logger (then it is kept as {@code scope.name}).
 * </ol>
 * The result goes through the {@link Normalizer}, so aliases apply ({@code exception.*},
 * {@code user.id}, …), long messages are cut and flagged {@code _truncated}, and
 * {@code exception.type}/{@code exception.message} are derived from {@code exception.stacktrace}.
 *
 * <p>A record is rejected with an {@link InvalidEventException} when its protobuf encoding is
 * larger than {@code ingest.max_event_bytes}, when it has more than {@code ingest.max_fields}
 * fields after flattening, or nests deeper than {@code ingest.max_depth}. Immutable and
 * thread-safe.
 */
final class LogRecordMapper {
  /** Resource attributes (OpenTelemetry semantic conventions) with a canonical Corral field. */
  private static final Map<String, String> RESOURCE_FIELDS = Map.of(
      "service.name", FieldNames.SERVICE,
      "service.version", FieldNames.VERSION,
      "host.name", FieldNames.HOST,
      "deployment.environment.name", FieldNames.ENVIRONMENT,
      "deployment.environment", FieldNames.ENVIRONMENT);
  private static final String EVENT_NAME = "event.name";
  private static final String SCOPE_NAME = "scope.name";
  private static final int MAX_SEVERITY_NUMBER = 24;
  private static final HexFormat HEX = HexFormat.of();

  private final DecodeLimits limits;
  private final AliasTable aliases;
  private final Normalizer normalizer;
  private final AttributeFlattener flattener;

  LogRecordMapper(DecodeLimits limits, AliasTable aliases) {
    this.limits = limits;
    this.aliases = aliases;
    this.normalizer = new Normalizer(aliases, limits.maxMessageBytes());
    this.flattener = new AttributeFlattener(limits);
  }

  /** The fields every record of one resource and scope shares, computed once per scope. */
  record Context(Fields fields, String scopeName) {}

  /**
   * The shared fields of {@code resource} and {@code scope}.
   *
   * @throws InvalidEventException when they alone break the field or depth limit
   */
  Context context(Resource resource, InstrumentationScope scope) throws InvalidEventException {
    Fields.Builder fields = Fields.builder(resource.getAttributesCount() + scope.getAttributesCount());
    flattener.flatten(resource.getAttributesList(), "", 1, fields, (name, value) -> {
      String canonical = RESOURCE_FIELDS.get(name);
      fields.put(canonical != null && fields.get(canonical) == null ? canonical : name, value);
    }, "resource attributes");
    flattener.flatten(scope.getAttributesList(), "", 1, fields, unique(fields, "scope"), "scope attributes");
    return new Context(fields.build(), scope.getName());
  }

  /**
   * The canonical event of one record.
   *
   * @param receivedAtNanos the timestamp of a record that carries none
   * @throws InvalidEventException when the record breaks a limit (see the class comment)
   */
  LogEvent map(Context context, LogRecord record, long receivedAtNanos) throws InvalidEventException {
    int size = record.getSerializedSize();
    if (size > limits.maxEventBytes()) {
      throw new InvalidEventException("log record is " + size + " bytes, more than the limit of "
          + limits.maxEventBytes() + " bytes (ingest.max_event_bytes)");
    }
    Fields.Builder fields = Fields.builder(12 + record.getAttributesCount() + context.fields().size());
    putRecordFields(record, fields);
    boolean[] namesLogger = {false};
    AttributeFlattener.Target body = tracking(unique(fields, "body"), namesLogger);
    if (record.getBody().getValueCase() == AnyValue.ValueCase.KVLIST_VALUE) {
      flattener.flatten(record.getBody().getKvlistValue().getValuesList(), "", 1, fields, body, "body");
    }
    flattener.flatten(record.getAttributesList(), "", 1, fields, tracking(unique(fields, "attributes"), namesLogger),
        "attributes");
    AttributeFlattener.Target resource = unique(fields, "resource");
    context.fields().forEach(resource::put);
    if (!context.scopeName().isEmpty()) {
      fields.put(namesLogger[0] || fields.get(FieldNames.LOGGER) != null ? SCOPE_NAME : FieldNames.LOGGER,
          context.scopeName());
    }
    if (fields.size() > limits.maxFields()) {
      throw new InvalidEventException("log record has " + fields.size() + " fields with its resource and scope "
          + "attributes, more than the limit of " + limits.maxFields() + " (ingest.max_fields)");
    }
    return normalizer.normalize(fields.build(), receivedAtNanos);
  }

  private void putRecordFields(LogRecord record, Fields.Builder fields) throws InvalidEventException {
    long time = record.getTimeUnixNano() != 0 ? record.getTimeUnixNano() : record.getObservedTimeUnixNano();
    if (time > 0) { // fixed64: beyond Long.MAX_VALUE (year 2262) reads negative and is left out
      fields.put(FieldNames.TIMESTAMP, Timestamps.format(time));
    }
    int severity = record.getSeverityNumberValue();
    if (severity >= 1 && severity <= MAX_SEVERITY_NUMBER) {
      fields.put(FieldNames.LEVEL, Level.fromOtelSeverityNumber(severity).name());
    } else if (!record.getSeverityText().isEmpty()) {
      fields.put(FieldNames.LEVEL, record.getSeverityText());
    }
    if (record.hasBody() && record.getBody().getValueCase() != AnyValue.ValueCase.KVLIST_VALUE) {
      String text = flattener.text(record.getBody());
      if (text != null) {
        fields.put(FieldNames.MESSAGE, text);
      }
    }
    putId(record.getTraceId(), FieldNames.TRACE_ID, fields);
    putId(record.getSpanId(), FieldNames.SPAN_ID, fields);
    if (!record.getEventName().isEmpty()) {
      fields.put(EVENT_NAME, record.getEventName());
    }
  }

  private static void putId(ByteString id, String name, Fields.Builder fields) {
    for (int i = 0; i < id.size(); i++) {
      if (id.byteAt(i) != 0) {
        fields.put(name, HEX.formatHex(id.toByteArray()));
        return;
      }
    }
  }

  /** Puts a field under its name, or under {@code origin.name} when the name is taken. */
  private static AttributeFlattener.Target unique(Fields.Builder fields, String origin) {
    return (name, value) -> fields.put(fields.get(name) == null ? name : origin + "." + name, value);
  }

  /** Notes whether any field put through {@code target} names the logger (after aliases). */
  private AttributeFlattener.Target tracking(AttributeFlattener.Target target, boolean[] namesLogger) {
    return (name, value) -> {
      namesLogger[0] |= aliases.resolve(name).equals(FieldNames.LOGGER);
      target.put(name, value);
    };
  }
}
