package dev.corral.server.inputs.otlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.model.Fields;
import dev.corral.model.normalize.DecodeLimits;
import dev.corral.model.normalize.InvalidEventException;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.Base64;
import java.util.List;

/**
 * Flattens OTLP attributes ({@code KeyValue} lists of {@code AnyValue}) into Corral fields:
 * strings, integers ({@code Long}), doubles and booleans keep their type; a key-value list nests
 * with dots ({@code http.request.header.x=…}); an array is kept whole as its compact JSON text and
 * counts as one field; bytes become base64 text; a non-finite double becomes its text
 * ({@code NaN}); a value that is not set is left out.
 *
 * <p>Enforces {@link DecodeLimits#maxFields()} on the event being built and
 * {@link DecodeLimits#maxDepth()} on nesting, rejecting the event with an
 * {@link InvalidEventException} naming the value, the limit and the setting. Immutable and
 * thread-safe.
 */
final class AttributeFlattener {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final DecodeLimits limits;

  AttributeFlattener(DecodeLimits limits) {
    this.limits = limits;
  }

  /** Where a flattened field goes; decides what happens when its name is already taken. */
  @FunctionalInterface
  interface Target {
    void put(String name, Object value);
  }

  /**
   * Adds every attribute under {@code prefix} (empty for top-level names) to {@code target}.
   *
   * @param fields the event being built, whose size is checked against the field limit
   * @param what names the attributes in errors ({@code attributes}, {@code resource attributes}, …)
   * @throws InvalidEventException past {@code ingest.max_fields} or {@code ingest.max_depth}
   */
  void flatten(List<KeyValue> attributes, String prefix, int depth, Fields.Builder fields, Target target, String what)
      throws InvalidEventException {
    if (depth > limits.maxDepth()) {
      throw new InvalidEventException(what + " nest " + depth + " levels deep at '" + prefix
          + "', deeper than the limit of " + limits.maxDepth() + " (ingest.max_depth)");
    }
    for (KeyValue attribute : attributes) {
      String name = prefix.isEmpty() ? attribute.getKey() : prefix + "." + attribute.getKey();
      if (attribute.getKey().isEmpty()) {
        continue; // an empty key names nothing a query could reach
      }
      AnyValue value = attribute.getValue();
      if (value.getValueCase() == AnyValue.ValueCase.KVLIST_VALUE) {
        flatten(value.getKvlistValue().getValuesList(), name, depth + 1, fields, target, what);
        continue;
      }
      Object scalar = scalar(value, depth);
      if (scalar == null) {
        continue;
      }
      target.put(name, scalar);
      if (fields.size() > limits.maxFields()) {
        throw new InvalidEventException("log record has more than " + limits.maxFields() + " fields once its "
            + what + " are flattened (at '" + name + "'), more than the limit of " + limits.maxFields()
            + " (ingest.max_fields); send fewer attributes or raise the limit");
      }
    }
  }

  /**
   * A scalar field value for {@code value}: String, Long, Double or Boolean; arrays and key-value
   * lists as compact JSON text; {@code null} when no value is set.
   */
  Object scalar(AnyValue value, int depth) throws InvalidEventException {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> value.getBoolValue();
      case INT_VALUE -> value.getIntValue();
      case DOUBLE_VALUE -> finite(value.getDoubleValue());
      case BYTES_VALUE -> Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
      case ARRAY_VALUE, KVLIST_VALUE -> toJson(value, depth + 1).toString();
      case STRING_VALUE_STRINDEX, VALUE_NOT_SET -> null; // string tables are a profiles-only feature
    };
  }

  /** Text of any value, for a log body that is not a string (numbers, arrays, bytes, …). */
  String text(AnyValue value) throws InvalidEventException {
    Object scalar = scalar(value, 1);
    return scalar == null ? null : scalar.toString();
  }

  private JsonNode toJson(AnyValue value, int depth) throws InvalidEventException {
    if (depth > limits.maxDepth()) {
      throw new InvalidEventException("attribute value nests " + depth + " levels deep, deeper than the limit of "
          + limits.maxDepth() + " (ingest.max_depth)");
    }
    return switch (value.getValueCase()) {
      case STRING_VALUE -> JSON.textNode(value.getStringValue());
      case BOOL_VALUE -> JSON.booleanNode(value.getBoolValue());
      case INT_VALUE -> JSON.numberNode(value.getIntValue());
      case DOUBLE_VALUE -> Double.isFinite(value.getDoubleValue())
          ? JSON.numberNode(value.getDoubleValue()) : JSON.textNode(Double.toString(value.getDoubleValue()));
      case BYTES_VALUE -> JSON.textNode(Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray()));
      case ARRAY_VALUE -> {
        ArrayNode array = JSON.arrayNode(value.getArrayValue().getValuesCount());
        for (AnyValue element : value.getArrayValue().getValuesList()) {
          array.add(toJson(element, depth + 1));
        }
        yield array;
      }
      case KVLIST_VALUE -> {
        ObjectNode object = JSON.objectNode();
        for (KeyValue entry : value.getKvlistValue().getValuesList()) {
          object.set(entry.getKey(), toJson(entry.getValue(), depth + 1));
        }
        yield object;
      }
      case STRING_VALUE_STRINDEX, VALUE_NOT_SET -> JSON.nullNode();
    };
  }

  private static Object finite(double value) {
    return Double.isFinite(value) ? (Object) value : Double.toString(value);
  }
}
