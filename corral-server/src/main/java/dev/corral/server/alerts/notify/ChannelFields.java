package dev.corral.server.alerts.notify;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The fields of one channel entry of {@code channels.yaml}, read with their type checked and
 * {@code ${ENV_VAR}} references resolved; every error names the field. Not thread-safe (one per entry).
 */
final class ChannelFields {
  /** Headers the HTTP client sets itself, or that would change where or how the request goes. */
  private static final Set<String> RESERVED_HEADERS = Set.of("host", "content-length", "connection", "expect",
      "upgrade", "transfer-encoding", "content-type", WebhookPayload.SIGNATURE_HEADER.toLowerCase(Locale.ROOT));

  private final JsonNode node;
  private final EnvironmentReferences environment;

  ChannelFields(JsonNode node, EnvironmentReferences environment) {
    this.node = node;
    this.environment = environment;
  }

  /** Refuses a field not in {@code known} (a typo such as {@code secert} would otherwise be silently unused). */
  void allowOnly(Set<String> known) throws InvalidChannelException {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new InvalidChannelException(name, "unknown field for this type; expected one of "
            + known.stream().sorted().toList());
      }
    }
  }

  /** A required text field, references resolved. */
  String required(String field) throws InvalidChannelException {
    String value = optional(field, "");
    if (value.isBlank()) {
      throw new InvalidChannelException(field, "is required");
    }
    return value;
  }

  /** A text field, references resolved; {@code fallback} when absent. */
  String optional(String field, String fallback) throws InvalidChannelException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isValueNode()) {
      throw new InvalidChannelException(field, "must be a text value, got " + kind(value));
    }
    return resolve(field, value.asText());
  }

  /** A whole number field in {@code min..max}; {@code fallback} when absent. */
  int integer(String field, int fallback, int min, int max) throws InvalidChannelException {
    String text = optional(field, Integer.toString(fallback)).trim();
    int value;
    try {
      value = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new InvalidChannelException(field, "must be a whole number, got '" + text + "'");
    }
    if (value < min || value > max) {
      throw new InvalidChannelException(field, "is " + value + ", outside " + min + ".." + max);
    }
    return value;
  }

  /** An http(s) URL with a host; {@code fallback} when absent (null: required). */
  URI url(String field, String fallback) throws InvalidChannelException {
    String text = fallback == null ? required(field) : optional(field, fallback);
    URI url;
    try {
      url = new URI(text.trim());
    } catch (URISyntaxException e) {
      throw new InvalidChannelException(field, "is not a URL: " + e.getReason() + " at index " + e.getIndex());
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new InvalidChannelException(field, "must be an http:// or https:// URL, got scheme '"
          + (scheme.isEmpty() ? "(none)" : scheme) + "'");
    }
    if (url.getHost() == null || url.getHost().isEmpty()) {
      throw new InvalidChannelException(field, "must name a host");
    }
    return url;
  }

  /** A list of text values (a YAML list or one value); empty when absent. */
  List<String> list(String field) throws InvalidChannelException {
    JsonNode value = node.get(field);
    List<String> items = new ArrayList<>();
    if (value == null || value.isNull()) {
      return items;
    }
    if (value.isValueNode()) {
      items.add(resolve(field, value.asText()));
      return items;
    }
    if (!value.isArray()) {
      throw new InvalidChannelException(field, "must be a list, got " + kind(value));
    }
    for (JsonNode item : value) {
      if (!item.isValueNode()) {
        throw new InvalidChannelException(field, "must be a list of text values, got an item that is " + kind(item));
      }
      items.add(resolve(field, item.asText()));
    }
    return items;
  }

  /** A mapping of text to text; empty when absent. */
  Map<String, String> map(String field) throws InvalidChannelException {
    JsonNode value = node.get(field);
    Map<String, String> map = new LinkedHashMap<>();
    if (value == null || value.isNull()) {
      return map;
    }
    if (!value.isObject()) {
      throw new InvalidChannelException(field, "must be a mapping (name: value), got " + kind(value));
    }
    for (Iterator<Map.Entry<String, JsonNode>> entries = value.fields(); entries.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = entries.next();
      if (!entry.getValue().isValueNode()) {
        throw new InvalidChannelException(field + "." + entry.getKey(), "must be a text value");
      }
      map.put(entry.getKey(), resolve(field + "." + entry.getKey(), entry.getValue().asText()));
    }
    return map;
  }

  /** Request headers: a mapping whose names are valid and not reserved. */
  Map<String, String> headers(String field) throws InvalidChannelException {
    Map<String, String> headers = map(field);
    for (Map.Entry<String, String> header : headers.entrySet()) {
      String name = header.getKey();
      if (!name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
        throw new InvalidChannelException(field + "." + name, "is not a valid header name");
      }
      if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        throw new InvalidChannelException(field + "." + name, "is set by Corral itself and cannot be configured");
      }
      if (header.getValue().indexOf('\r') >= 0 || header.getValue().indexOf('\n') >= 0) {
        throw new InvalidChannelException(field + "." + name, "must not contain a line break");
      }
    }
    return headers;
  }

  private String resolve(String field, String value) throws InvalidChannelException {
    try {
      return environment.resolve(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidChannelException(field, e.getMessage());
    }
  }

  private static String kind(JsonNode value) {
    return value.isObject() ? "a mapping" : value.isArray() ? "a list" : "a " + value.getNodeType().name()
        .toLowerCase(Locale.ROOT);
  }
}
