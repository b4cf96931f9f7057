package dev.corral.query.eval;

import dev.corral.model.FieldNames;
import dev.corral.model.LogEvent;
import dev.corral.query.agg.Accumulator;
import dev.corral.query.table.NumberText;
import org.apache.lucene.util.UnicodeUtil;

/**
 * How event-stage pipes and aggregations read an event's fields. Names resolve like filter field
 * names ({@link FieldNames#canonical}). {@link #aggregated} is what the store's index holds, read by
 * event-stage {@code sort} and {@code where}, {@code stats}, {@code timechart} and {@code top}:
 * the value as the event holds it, except that a string longer than the keyword limit (outside
 * the full-text fields) is missing, as the store indexes nothing for it. ({@code | fields} reads
 * the value as it is, from the stored source: {@link dev.corral.query.table.EventTable}.)
 */
final class FieldValues {
  private FieldValues() {}

  static Object aggregated(LogEvent event, String typed, int maxKeywordBytes) {
    String field = FieldNames.canonical(typed);
    Object value = event.get(field);
    if (value instanceof String s && !FieldNames.FULL_TEXT.contains(field) && !fitsKeyword(s, maxKeywordBytes)) {
      return null;
    }
    return value;
  }

  /**
   * Whether the store indexes {@code value} as a keyword: its UTF-8 form is at most {@code
   * maxKeywordBytes}. As the store: UTF-8 needs at most 3 bytes per UTF-16 char, so the exact
   * count is needed only for long strings.
   */
  static boolean fitsKeyword(String value, int maxKeywordBytes) {
    return (long) value.length() * 3 <= maxKeywordBytes
        || UnicodeUtil.calcUTF16toUTF8Length(value, 0, value.length()) <= maxKeywordBytes;
  }

  /**
   * The group text of a value: strings as they are, booleans {@code true}/{@code false}, numbers
   * their {@link NumberText canonical text} (a long read as a double, as the store indexes it),
   * except {@code timestamp}, which is its exact epoch nanoseconds in decimal; null stays null.
   */
  static String groupText(String field, Object value) {
    return switch (value) {
      case null -> null;
      case String s -> s;
      case Long l when FieldNames.canonical(field).equals(FieldNames.TIMESTAMP) -> Long.toString(l);
      case Number n -> NumberText.of(n.doubleValue());
      default -> value.toString();
    };
  }

  /** Feeds a value to an accumulator: numbers as numbers, anything else as text; null not at all. */
  static void feed(Accumulator accumulator, Object value) {
    switch (value) {
      case null -> { }
      case Number n -> accumulator.addNumber(n.doubleValue());
      case Boolean b -> accumulator.addText(b ? "true" : "false");
      default -> accumulator.addText(value.toString());
    }
  }
}
