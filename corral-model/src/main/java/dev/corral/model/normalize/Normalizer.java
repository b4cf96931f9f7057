package dev.corral.model.normalize;

import dev.corral.model.FieldNames;
import dev.corral.model.Fields;
import dev.corral.model.Level;
import dev.corral.model.LogEvent;

/**
 * Turns the raw flattened fields of one foreign event into a canonical {@link LogEvent}.
 *
 * <ol>
 *   <li>Names go through the {@link AliasTable}. When several fields land on one canonical name,
 *       the one already named exactly so wins, then one named so in another case, then the first
 *       in the event; the others keep their original names.
 *   <li>{@code timestamp} is read by {@link TimestampParser}. Missing: the receive time.
 *       Unparseable: the receive time, and the original value kept in {@code timestamp_original}.
 *   <li>{@code level} is read by {@link LevelParser}. Missing: INFO, or the OTLP meaning of a
 *       numeric {@code severity_number} / {@code severityNumber} when the event has one. Unknown:
 *       INFO, and the original value kept in {@code level_original}.
 *   <li>{@code message}: missing is {@code ""}; a number or boolean becomes its text; longer than
 *       {@code maxMessageBytes} UTF-8 bytes it is cut at a character boundary and
 *       {@code _truncated: true} is set.
 *   <li>When {@code exception.stacktrace} is text and {@code exception.type} or
 *       {@code exception.message} is missing, they are derived from it ({@link ExceptionSummary}).
 * </ol>
 * Values are never converted, so a field whose type differs between events is no error.
 *
 * <p>Immutable and thread-safe.
 */
public final class Normalizer {
  private static final String OTLP_SEVERITY_NUMBER = "severity_number";
  private static final String OTLP_SEVERITY_NUMBER_CAMEL = "severityNumber";

  private final AliasTable aliases;
  private final int maxMessageBytes;

  /**
   * @param aliases the alias table to apply
   * @param maxMessageBytes longest message in UTF-8 bytes before it is cut
   */
  public Normalizer(AliasTable aliases, int maxMessageBytes) {
    if (maxMessageBytes < 1) {
      throw new IllegalArgumentException("ingest.max_message_bytes is " + maxMessageBytes + ", must be at least 1");
    }
    this.aliases = java.util.Objects.requireNonNull(aliases, "aliases");
    this.maxMessageBytes = maxMessageBytes;
  }

  /** The default alias table and {@link DecodeLimits#DEFAULT_MAX_MESSAGE_BYTES}. */
  public static Normalizer defaults() {
    return new Normalizer(AliasTable.defaults(), DecodeLimits.DEFAULT_MAX_MESSAGE_BYTES);
  }

  public AliasTable aliases() {
    return aliases;
  }

  /**
   * The canonical event for raw fields.
   *
   * @param raw the event's fields, flattened to dotted names, in event order
   * @param receivedAtNanos when the event was received, epoch nanoseconds: the timestamp of an
   *     event without a usable one
   */
  public LogEvent normalize(Fields raw, long receivedAtNanos) {
    int size = raw.size();
    String[] names = resolveNames(raw);
    Object timestampValue = null;
    Object levelValue = null;
    Object messageValue = null;
    Fields.Builder fields = Fields.builder(size + 2);
    for (int i = 0; i < size; i++) {
      Object value = raw.value(i);
      switch (names[i]) {
        case FieldNames.TIMESTAMP -> timestampValue = value;
        case FieldNames.LEVEL -> levelValue = value;
        case FieldNames.MESSAGE -> messageValue = value;
        default -> fields.put(names[i], value);
      }
    }
    long timestamp = readTimestamp(timestampValue, receivedAtNanos, fields);
    Level level = readLevel(levelValue, fields);
    String message = readMessage(messageValue, fields);
    deriveException(fields);
    return new LogEvent(timestamp, level, message, fields.build());
  }

  /** Canonical names per field, with collisions settled so that each name occurs once. */
  private String[] resolveNames(Fields raw) {
    int size = raw.size();
    String[] names = new String[size];
    boolean renamed = false;
    for (int i = 0; i < size; i++) {
      names[i] = aliases.resolve(raw.name(i));
      renamed |= !names[i].equals(raw.name(i));
    }
    if (!renamed) {
      return names;
    }
    // Only a renamed field can collide: two fields that keep their raw names differ.
    for (int i = 0; i < size; i++) {
      if (names[i].equals(raw.name(i)) || isAlone(names, i)) {
        continue;
      }
      String target = names[i];
      int winner = -1;
      int rank = Integer.MAX_VALUE;
      for (int j = 0; j < size; j++) {
        if (names[j].equals(target)) {
          int r = raw.name(j).equals(target) ? 0 : raw.name(j).equalsIgnoreCase(target) ? 1 : 2;
          if (r < rank) {
            rank = r;
            winner = j;
          }
        }
      }
      for (int j = 0; j < size; j++) {
        if (j != winner && names[j].equals(target)) {
          names[j] = raw.name(j);
        }
      }
    }
    return names;
  }

  /**
   * Whether no other field carries {@code names[i]}: the usual case, told by one pass that compares
   * the names' cached hashes before their text.
   */
  private static boolean isAlone(String[] names, int i) {
    String target = names[i];
    int hash = target.hashCode();
    for (int j = 0; j < names.length; j++) {
      if (j != i && names[j].hashCode() == hash && names[j].equals(target)) {
        return false;
      }
    }
    return true;
  }

  private static long readTimestamp(Object value, long receivedAtNanos, Fields.Builder fields) {
    if (value == null) {
      return receivedAtNanos;
    }
    long timestamp = TimestampParser.parse(value);
    if (timestamp == TimestampParser.UNPARSEABLE) {
      fields.put(FieldNames.TIMESTAMP_ORIGINAL, value);
      return receivedAtNanos;
    }
    return timestamp;
  }

  private static Level readLevel(Object value, Fields.Builder fields) {
    if (value == null) {
      Object severity = fields.get(OTLP_SEVERITY_NUMBER);
      if (severity == null) {
        severity = fields.get(OTLP_SEVERITY_NUMBER_CAMEL);
      }
      return severity instanceof Long number ? Level.fromOtelSeverityNumber((int) Math.clamp(number, 0, 24)) : Level.INFO;
    }
    Level level = LevelParser.parse(value);
    if (level == null) {
      fields.put(FieldNames.LEVEL_ORIGINAL, value);
      return Level.INFO;
    }
    return level;
  }

  private String readMessage(Object value, Fields.Builder fields) {
    if (value == null) {
      return "";
    }
    String message = value.toString();
    String cut = Utf8Text.truncate(message, maxMessageBytes);
    if (cut != message) {
      fields.put(FieldNames.TRUNCATED, Boolean.TRUE);
    }
    return cut;
  }

  private static void deriveException(Fields.Builder fields) {
    if (!(fields.get(FieldNames.EXCEPTION_STACKTRACE) instanceof String stacktrace)) {
      return;
    }
    boolean needType = fields.get(FieldNames.EXCEPTION_TYPE) == null;
    boolean needMessage = fields.get(FieldNames.EXCEPTION_MESSAGE) == null;
    if (!needType && !needMessage) {
      return;
    }
    ExceptionSummary summary = ExceptionSummary.of(stacktrace);
    if (summary == null) {
      return;
    }
    if (needType) {
      fields.put(FieldNames.EXCEPTION_TYPE, summary.type());
    }
    if (needMessage && summary.message() != null) {
      fields.put(FieldNames.EXCEPTION_MESSAGE, summary.message());
    }
  }
}
