package dev.corral.ship.decode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Fields added to every record of a source (an input's {@code service}, {@code environment}, {@code host},
 * {@code fields}; a file's path; a container's pod and namespace), each kept as its JSON fragment
 * {@code "name":value} written once. Immutable; {@link #with} returns a copy.
 */
public final class StaticFields {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final StaticFields NONE = new StaticFields(Map.of());

  private final Map<String, String> fragments; // name -> "name":value

  private StaticFields(Map<String, String> fragments) {
    this.fragments = Collections.unmodifiableMap(fragments);
  }

  public static StaticFields none() {
    return NONE;
  }

  /**
   * The fields of {@code values}, in their order (strings, numbers, booleans, lists and maps).
   *
   * @throws IllegalArgumentException naming the field whose value cannot be written as JSON
   */
  public static StaticFields of(Map<String, ?> values) {
    StaticFields fields = NONE;
    for (Map.Entry<String, ?> entry : values.entrySet()) {
      fields = fields.with(entry.getKey(), entry.getValue());
    }
    return fields;
  }

  /** A copy with {@code name} set to {@code value} (replacing an earlier value of that name); null leaves it out. */
  public StaticFields with(String name, Object value) {
    if (value == null) {
      return this;
    }
    StringBuilder fragment = new StringBuilder();
    JsonText.appendString(fragment, name);
    fragment.append(':');
    if (value instanceof String text) {
      JsonText.appendString(fragment, text);
    } else {
      try {
        fragment.append(JSON.writeValueAsString(value));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("field '" + name + "': its value cannot be written as JSON: "
            + e.getOriginalMessage());
      }
    }
    Map<String, String> copy = new LinkedHashMap<>(fragments);
    copy.put(name, fragment.toString());
    return new StaticFields(copy);
  }

  public boolean isEmpty() {
    return fragments.isEmpty();
  }

  public Set<String> names() {
    return fragments.keySet();
  }

  /** Appends {@code ,"name":value} for every field whose name is not in {@code present}. */
  void appendMissing(StringBuilder out, Set<String> present, boolean first) {
    for (Map.Entry<String, String> entry : fragments.entrySet()) {
      if (!present.contains(entry.getKey())) {
        if (!first) {
          out.append(',');
        }
        out.append(entry.getValue());
        first = false;
      }
    }
  }

  @Override
  public String toString() {
    return fragments.values().toString();
  }
}
