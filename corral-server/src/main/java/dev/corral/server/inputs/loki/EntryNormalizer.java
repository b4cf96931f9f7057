package dev.corral.server.inputs.loki;

import dev.corral.model.FieldNames;
import dev.corral.model.Fields;
import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.model.normalize.DecodeLimits;
import dev.corral.model.normalize.EventDecoder;
import dev.corral.model.normalize.InvalidEventException;
import dev.corral.model.normalize.Normalizer;
import dev.corral.model.normalize.Utf8Text;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns one Loki entry, with the labels of its stream, into a canonical {@link LogEvent}. The
 * same rules apply to JSON and protobuf pushes:
 *
 * <ul>
 *   <li>The stream labels and the entry's structured metadata become fields (metadata wins over a
 *       label of the same name), through the alias table: {@code service_name} and {@code app} name
 *       the {@code service}, {@code level}/{@code severity} the level, {@code trace_id} stays
 *       {@code trace_id}, and so on.
 *   <li>When no field names the service, the first of {@link #SERVICE_LABELS} present does (the
 *       order Loki itself uses to discover {@code service_name}); the label stays a field too.
 *   <li>A line that is a JSON object is decoded as a structured event ({@link EventDecoder}): its
 *       own fields win, and each label or metadata field whose name it lacks is added. A line that
 *       is not JSON (text, logfmt, or JSON that does not parse) is the message, without its
 *       trailing line breaks.
 *   <li>The level comes from a level label or metadata field when there is one (as in Loki's own
 *       level detection), otherwise from the JSON line, otherwise INFO.
 *   <li>The timestamp is always the entry's (nanoseconds); a time inside a JSON line does not
 *       replace it.
 * </ul>
 * Thread-safe and stateless.
 */
final class EntryNormalizer {
  /**
   * Labels that name the service when no field does, in Loki's own {@code service_name} discovery
   * order ({@code service_name}, {@code service} and {@code app} already map by the alias table).
   */
  static final List<String> SERVICE_LABELS = List.of("application", "app_kubernetes_io_name", "container",
      "container_name", "k8s_container_name", "workload", "job");

  private final EventDecoder decoder;
  private final Normalizer normalizer;
  private final DecodeLimits limits;

  EntryNormalizer(EventDecoder decoder) {
    this.decoder = decoder;
    this.normalizer = decoder.normalizer();
    this.limits = decoder.limits();
  }

  /**
   * The event of one entry.
   *
   * @param labels the stream's labels
   * @param timestamp the entry's time, epoch nanoseconds
   * @param line the log line
   * @param metadata the entry's structured metadata (may be empty)
   * @throws InvalidEventException when the line is over {@code ingest.max_event_bytes}, or a JSON
   *     line or the whole entry breaks another decode limit
   */
  LogEvent toEvent(Fields labels, long timestamp, String line, Fields metadata) throws InvalidEventException {
    long lineBytes = Utf8Text.encodedLength(line);
    if (lineBytes > limits.maxEventBytes()) {
      throw new InvalidEventException("line is " + lineBytes + " bytes, more than the limit of "
          + limits.maxEventBytes() + " bytes (ingest.max_event_bytes)");
    }
    Fields.Builder builder = Fields.builder(labels.size() + metadata.size() + 1);
    labels.forEach(builder::put);
    metadata.forEach(builder::put);
    Fields context = builder.build();
    LogEvent event = isJsonObject(line) ? structured(context, timestamp, line) : null;
    if (event == null) {
      LogEvent text = normalizer.normalize(builder.put(FieldNames.MESSAGE, withoutTrailingBreaks(line)).build(), timestamp);
      event = new LogEvent(timestamp, text.level(), text.message(), withService(text.fields(), context));
    }
    if (event.fields().size() > limits.maxFields()) {
      throw new InvalidEventException("entry has " + event.fields().size() + " fields with its labels and "
          + "structured metadata, more than the limit of " + limits.maxFields() + " (ingest.max_fields)");
    }
    return event;
  }

  /** The event of a JSON-object line merged with its labels, or null when the line is not valid JSON. */
  private LogEvent structured(Fields context, long timestamp, String line) throws InvalidEventException {
    byte[] json = line.getBytes(StandardCharsets.UTF_8);
    LogEvent decoded;
    try {
      decoded = decoder.decode(json, 0, json.length, timestamp);
    } catch (InvalidEventException e) {
      if (e.resumable()) {
        throw e; // a JSON object over a limit: the event is rejected, as on every other input
      }
      return null; // not JSON after all: the line stays text
    }
    LogEvent labelled = normalizer.normalize(context, timestamp);
    Fields.Builder fields = Fields.builder(decoded.fields().size() + labelled.fields().size());
    decoded.fields().forEach(fields::put);
    labelled.fields().forEach((name, value) -> {
      if (fields.get(name) == null) {
        fields.put(name, value);
      }
    });
    boolean labelledLevel = hasLevel(context) && labelled.fields().get(FieldNames.LEVEL_ORIGINAL) == null;
    Level level = labelledLevel ? labelled.level() : decoded.level();
    return new LogEvent(timestamp, level, decoded.message(), withService(fields.build(), context));
  }

  private boolean hasLevel(Fields raw) {
    for (int i = 0; i < raw.size(); i++) {
      if (normalizer.aliases().resolve(raw.name(i)).equals(FieldNames.LEVEL)) {
        return true;
      }
    }
    return false;
  }

  /** {@code fields} with a service from the {@link #SERVICE_LABELS} of {@code context} when they name none. */
  private static Fields withService(Fields fields, Fields context) {
    if (fields.get(FieldNames.SERVICE) != null) {
      return fields;
    }
    for (String label : SERVICE_LABELS) {
      Object value = context.get(label);
      if (value != null) {
        Fields.Builder named = Fields.builder(fields.size() + 1);
        fields.forEach(named::put);
        return named.put(FieldNames.SERVICE, value).build();
      }
    }
    return fields;
  }

  static boolean isJsonObject(String line) {
    int start = 0;
    int end = line.length() - 1;
    while (start <= end && Character.isWhitespace(line.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(line.charAt(end))) {
      end--;
    }
    return end > start && line.charAt(start) == '{' && line.charAt(end) == '}';
  }

  static String withoutTrailingBreaks(String line) {
    int end = line.length();
    while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
      end--;
    }
    return end == line.length() ? line : line.substring(0, end);
  }
}
