package dev.corral.query.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The values one extraction found, in order, bounded by {@link #MAX_VALUES}. A text value is typed
 * by {@link #typed}; JSON values keep their JSON type. Not thread-safe; one per event.
 */
public final class ExtractedValues {
  /**
   * Most values one event yields: the ingest decoder's field limit ({@code
   * DecodeLimits.DEFAULT_MAX_FIELDS}), so an extracted event is no wider than an ingested one.
   */
  public static final int MAX_VALUES = 1000;

  private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");
  private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
  /** Longest text read as a number: longer digit runs are ids, not quantities (as {@code NumberParsing}). */
  private static final int MAX_NUMBER_CHARS = 40;

  private final List<String> names = new ArrayList<>();
  private final List<Object> values = new ArrayList<>();
  private final String format;

  /** @param format the pipe's name, for error messages */
  ExtractedValues(String format) {
    this.format = format;
  }

  /** Adds a text value, typed by {@link #typed}. */
  public void addText(String name, String value) {
    add(name, typed(value));
  }

  /** Adds a String, Long, Double or Boolean as it is. */
  public void add(String name, Object value) {
    if (name.isEmpty()) {
      return;
    }
    if (names.size() >= MAX_VALUES) {
      throw new ExtractionFailure("LimitsExceeded", format + " found more than " + MAX_VALUES
          + " values in one event (the limit of fields per event)");
    }
    names.add(TextRepair.wellFormed(name));
    values.add(value instanceof String s ? TextRepair.wellFormed(s) : value);
  }

  int size() {
    return names.size();
  }

  String name(int i) {
    return names.get(i);
  }

  Object value(int i) {
    return values.get(i);
  }

  /**
   * The typing rule for text values: an integer ({@code -?(0|[1-9][0-9]*)}) that fits a long is a
   * Long; a decimal with a fraction or exponent ({@code -?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?})
   * that is finite is a Double; anything else stays text ({@code 007}, {@code +1}, {@code 1.},
   * {@code 0x1f}, {@code NaN}: leading zeros and other spellings would not survive a round trip).
   */
  static Object typed(String value) {
    if (value.length() > MAX_NUMBER_CHARS || value.isEmpty() || !startsLikeANumber(value.charAt(0))) {
      return value;
    }
    if (INTEGER.matcher(value).matches()) {
      try {
        return Long.parseLong(value);
      } catch (NumberFormatException e) {
        return value; // beyond a long: text, as a double would round it
      }
    }
    if (DECIMAL.matcher(value).matches()) {
      double d = Double.parseDouble(value);
      return Double.isFinite(d) ? d : value;
    }
    return value;
  }

  private static boolean startsLikeANumber(char c) {
    return c == '-' || c >= '0' && c <= '9';
  }
}
