package dev.corral.query.eval;

import dev.corral.model.LogEvent;
import dev.corral.query.resolve.TextAnalysis;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One event as the store's index sees it, for one filter test: keyword terms, numbers and the
 * analyzed words of full-text fields (computed once per field and test). Not thread-safe; one
 * per {@code test} call.
 */
final class EventView {
  private final LogEvent event;
  private final int maxKeywordBytes;
  private Map<String, List<String>> words;

  EventView(LogEvent event, int maxKeywordBytes) {
    this.event = event;
    this.maxKeywordBytes = maxKeywordBytes;
  }

  LogEvent event() {
    return event;
  }

  /** Whether the event has the canonical field at all (indexed or not). */
  boolean has(String field) {
    return event.get(field) != null;
  }

  /**
   * The keyword term of a non-full-text field: a string whose UTF-8 form fits the keyword limit,
   * or a boolean as {@code true}/{@code false}; null for numbers, too-long strings and absence.
   */
  String keyword(String field) {
    return switch (event.get(field)) {
      case String s -> FieldValues.fitsKeyword(s, maxKeywordBytes) ? s : null;
      case Boolean b -> b ? "true" : "false";
      case null, default -> null;
    };
  }

  /** The numeric value of the field (a long as a double), or null. */
  Double number(String field) {
    return event.get(field) instanceof Number n ? n.doubleValue() : null;
  }

  /** The analyzed words of a full-text field holding a string or boolean; empty otherwise. */
  List<String> words(String field) {
    if (words == null) {
      words = new HashMap<>(4);
    }
    return words.computeIfAbsent(field, f -> switch (event.get(f)) {
      case String s -> TextAnalysis.words(s);
      case Boolean b -> TextAnalysis.words(b ? "true" : "false");
      case null, default -> List.of();
    });
  }

}
