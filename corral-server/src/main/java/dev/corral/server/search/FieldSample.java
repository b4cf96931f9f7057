package dev.corral.server.search;

import dev.corral.model.FieldNames;
import dev.corral.model.Fields;
import dev.corral.model.LogEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tallies the fields of a sample of events and their most frequent values: what a field sidebar
 * shows (Kibana computes it the same way, over the latest matching events). Memory is bounded:
 * at most {@value #MAX_FIELDS} distinct field names and {@value #MAX_TRACKED_VALUES} distinct
 * values over all fields are tracked; past that, presence counts stay exact but new values are
 * not tracked ({@link #topIsExact()} turns false). Strings longer than the store's keyword limit
 * are counted but never listed as values: no exact filter could find them. Timestamps are never
 * listed as values. Not thread-safe.
 */
public final class FieldSample {
  /** Distinct field names tracked; the mapping-explosion limit of one event, over a whole sample. */
  static final int MAX_FIELDS = 1000;
  /** Distinct values tracked over all fields: a few MiB whatever the events hold. */
  static final int MAX_TRACKED_VALUES = 100_000;
  /** The canonical fields, listed first and in this order. */
  private static final List<String> CANONICAL = List.of(FieldNames.TIMESTAMP, FieldNames.LEVEL, FieldNames.SERVICE,
      FieldNames.MESSAGE, FieldNames.HOST, FieldNames.ENVIRONMENT, FieldNames.VERSION, FieldNames.COMPONENT,
      FieldNames.LOGGER, FieldNames.TRACE_ID, FieldNames.SPAN_ID, FieldNames.REQUEST_ID, FieldNames.USER_ID,
      FieldNames.LOGTYPE, FieldNames.EXCEPTION_TYPE, FieldNames.EXCEPTION_MESSAGE, FieldNames.EXCEPTION_STACKTRACE);
  private static final Comparator<Map.Entry<Object, long[]>> MOST_FREQUENT =
      Comparator.<Map.Entry<Object, long[]>>comparingLong(e -> e.getValue()[0]).reversed()
          .thenComparing(e -> e.getKey().toString());

  private final int maxValueBytes;
  private final Map<String, Tally> fields = new LinkedHashMap<>();
  private int events;
  private int trackedValues;
  private boolean valuesCapped;
  private boolean fieldsCapped;

  /** One field's counts. */
  private static final class Tally {
    long count;
    long strings;
    long numbers;
    long booleans;
    final Map<Object, long[]> values = new HashMap<>();
  }

  /** @param maxValueBytes the store's keyword limit in UTF-8 bytes */
  public FieldSample(int maxValueBytes) {
    this.maxValueBytes = maxValueBytes;
  }

  /** Adds one event of the sample. */
  public void add(LogEvent event) {
    events++;
    tally(FieldNames.TIMESTAMP, null);
    tally(FieldNames.LEVEL, event.level().name());
    tally(FieldNames.MESSAGE, event.message());
    Fields others = event.fields();
    for (int i = 0; i < others.size(); i++) {
      tally(others.name(i), others.value(i));
    }
  }

  private void tally(String name, Object value) {
    Tally tally = fields.get(name);
    if (tally == null) {
      if (fields.size() >= MAX_FIELDS) {
        fieldsCapped = true;
        return;
      }
      tally = new Tally();
      fields.put(name, tally);
    }
    tally.count++;
    switch (value) {
      case null -> { }
      case String s -> tally.strings++;
      case Boolean b -> tally.booleans++;
      default -> tally.numbers++;
    }
    if (value == null || !listable(value)) {
      return;
    }
    long[] count = tally.values.get(value);
    if (count != null) {
      count[0]++;
    } else if (trackedValues < MAX_TRACKED_VALUES) {
      tally.values.put(value, new long[] {1});
      trackedValues++;
    } else {
      valuesCapped = true;
    }
  }

  private boolean listable(Object value) {
    if (!(value instanceof String s)) {
      return true;
    }
    return s.length() <= maxValueBytes
        && (s.length() * 3 <= maxValueBytes || s.getBytes(StandardCharsets.UTF_8).length <= maxValueBytes);
  }

  /** Events added. */
  public int events() {
    return events;
  }

  /** Whether every value and every field of the sample was tracked, so the top values are exact. */
  public boolean topIsExact() {
    return !valuesCapped && !fieldsCapped;
  }

  /**
   * Every field seen: the canonical ones first (timestamp, level, service, message, …), then by
   * how many events have them, then by name; each with its {@code top} most frequent values.
   */
  public List<FieldSummary> summaries(int top) {
    List<FieldSummary> summaries = new ArrayList<>(fields.size());
    fields.forEach((name, tally) -> {
      List<ValueCount> values = tally.values.entrySet().stream().sorted(MOST_FREQUENT).limit(top)
          .map(e -> new ValueCount(e.getKey(), e.getValue()[0])).toList();
      summaries.add(new FieldSummary(name, type(name, tally), tally.count, values));
    });
    summaries.sort(Comparator.comparingInt((FieldSummary f) -> canonicalRank(f.name()))
        .thenComparing(Comparator.comparingLong(FieldSummary::count).reversed())
        .thenComparing(FieldSummary::name));
    return summaries;
  }

  private static int canonicalRank(String name) {
    int rank = CANONICAL.indexOf(name);
    return rank < 0 ? CANONICAL.size() : rank;
  }

  private static String type(String name, Tally tally) {
    if (name.equals(FieldNames.TIMESTAMP)) {
      return "timestamp";
    }
    if (FieldNames.FULL_TEXT.contains(name)) {
      return "text";
    }
    int kinds = (tally.strings > 0 ? 1 : 0) + (tally.numbers > 0 ? 1 : 0) + (tally.booleans > 0 ? 1 : 0);
    if (kinds > 1) {
      return "mixed";
    }
    return tally.numbers > 0 ? "number" : tally.booleans > 0 ? "boolean" : "keyword";
  }
}
