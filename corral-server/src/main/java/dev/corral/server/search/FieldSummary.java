package dev.corral.server.search;

import java.util.List;
import java.util.Objects;

/**
 * What a sample of events says about one field.
 *
 * @param type {@code timestamp}, {@code text} (full-text fields), {@code keyword} (strings),
 *     {@code number}, {@code boolean}, or {@code mixed} (strings in some events, numbers or
 *     booleans in others)
 * @param count events of the sample that have the field
 * @param top the most frequent values in the sample, most frequent first
 */
public record FieldSummary(String name, String type, long count, List<ValueCount> top) {
  public FieldSummary {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    top = List.copyOf(top);
  }
}
