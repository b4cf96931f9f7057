package dev.corral.query.resolve;

import dev.corral.model.FieldNames;

/**
 * Refuses the full-text fields ({@code message}, {@code exception.stacktrace}) where a pipe needs
 * one exact value per event — {@code where}, event {@code sort}, and the fields that {@code stats},
 * {@code timechart} and {@code top} group or aggregate by: the store indexes only their words,
 * so it has no such value, and the in-memory evaluator refuses them too, with the same message.
 * Both back ends call these checks before reading any event. Stateless and thread-safe.
 */
public final class FullTextRefusal {
  private FullTextRefusal() {}

  /**
   * @param field the field as typed ({@code MESSAGE} is {@code message})
   * @throws IllegalArgumentException for a full-text field in {@code | where field op value}
   */
  public static void checkWhere(String field, String value) {
    String canonical = FieldNames.canonical(field);
    if (FieldNames.FULL_TEXT.contains(canonical)) {
      throw new IllegalArgumentException("where cannot compare " + canonical + ": it is full text; filter on it "
          + "instead (" + canonical + ":\"" + value + "\")");
    }
  }

  /** @throws IllegalArgumentException for a full-text field as an event sort key */
  public static void checkSort(String field) {
    String canonical = FieldNames.canonical(field);
    if (FieldNames.FULL_TEXT.contains(canonical)) {
      throw new IllegalArgumentException("cannot sort by " + canonical + ": it is full text, which has no per-event "
          + "sort value; sort by a keyword or numeric field");
    }
  }

  /** @throws IllegalArgumentException for a full-text field grouped or aggregated by */
  public static void checkAggregate(String field) {
    String canonical = FieldNames.canonical(field);
    if (FieldNames.FULL_TEXT.contains(canonical)) {
      throw new IllegalArgumentException("cannot aggregate or group by " + canonical + ": it is full text, which has "
          + "no per-event value in the index; use a keyword or numeric field");
    }
  }
}
