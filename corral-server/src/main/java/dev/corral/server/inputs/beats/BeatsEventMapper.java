package dev.corral.server.inputs.beats;

import dev.corral.model.FieldNames;
import dev.corral.model.Fields;
import dev.corral.model.LogEvent;
import dev.corral.model.normalize.EventDecoder;
import dev.corral.model.normalize.InvalidEventException;
import dev.corral.model.normalize.Utf8Text;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns the event of a data frame into a canonical {@link LogEvent}, through the same decoder and normalizer as every
 * JSON input:
 *
 * <ol>
 *   <li>A {@code J} payload is decoded like one NDJSON line: nested objects are flattened with dots ({@code
 *       log.file.path}, {@code host.name}, {@code agent.type}, {@code fields.env}), the alias table names {@code
 *       @timestamp} the timestamp, {@code message} the message, {@code log.level} the level, {@code host.name} the
 *       host and {@code service.name} the service; the limits of {@code ingest.*} apply.
 *   <li>A {@code D} frame's pairs are taken as string fields; {@code line} (logstash-forwarder's message) is the
 *       message when there is no {@code message}.
 *   <li>The Beats' own {@code @metadata.*} (beat, type, version) are dropped, as Logstash drops {@code [@metadata]}.
 *   <li>An event without a service takes {@code fields.service} (Filebeat's {@code fields: {service: …}}), else
 *       {@code agent.type} ({@code filebeat}, {@code winlogbeat}), so that it is never without one.
 * </ol>
 * What cannot be an event (malformed JSON, invalid UTF-8, a broken limit) is an {@link InvalidEventException} whose
 * reason the connection stores as a dead letter. Immutable and thread-safe.
 */
final class BeatsEventMapper {
  /** Prefix of the Beats' transport metadata, which is not part of the event. */
  static final String METADATA_PREFIX = "@metadata.";
  /** Filebeat's custom fields that name the service, when {@code fields_under_root} is off. */
  static final String FIELDS_SERVICE = "fields.service";
  /** The kind of Beat: the service of last resort. */
  static final String AGENT_TYPE = "agent.type";
  /** logstash-forwarder's name for the message of a {@code D} frame. */
  static final String LEGACY_LINE = "line";

  private final EventDecoder decoder;

  BeatsEventMapper(EventDecoder decoder) {
    this.decoder = decoder;
  }

  /** The event of a {@code J} frame. */
  LogEvent fromJson(byte[] payload, long receivedAtNanos) throws InvalidEventException {
    return withService(decoder.decode(payload, 0, payload.length, receivedAtNanos));
  }

  /** The event of a {@code D} frame. */
  LogEvent fromKeyValues(List<byte[]> keys, List<byte[]> values, long receivedAtNanos) throws InvalidEventException {
    Fields.Builder raw = Fields.builder(keys.size());
    boolean hasMessage = false;
    for (int i = 0; i < keys.size(); i++) {
      hasMessage |= text(keys.get(i), "key " + (i + 1)).equals(FieldNames.MESSAGE);
    }
    for (int i = 0; i < keys.size(); i++) {
      String key = text(keys.get(i), "key " + (i + 1));
      String value = text(values.get(i), "value of " + key);
      raw.put(key.equals(LEGACY_LINE) && !hasMessage ? FieldNames.MESSAGE : key, value);
    }
    return withService(decoder.normalizer().normalize(raw.build(), receivedAtNanos));
  }

  private static String text(byte[] bytes, String what) throws InvalidEventException {
    int bad = Utf8Text.firstInvalid(bytes, 0, bytes.length);
    if (bad >= 0) {
      throw new InvalidEventException(String.format("invalid UTF-8 in the %s of a key/value frame at byte %d (0x%02x)",
          what, bad + 1, bytes[bad] & 0xFF));
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static LogEvent withService(LogEvent event) {
    Fields fields = event.fields();
    Fields.Builder kept = Fields.builder(fields.size() + 1);
    fields.forEach((name, value) -> {
      if (!name.startsWith(METADATA_PREFIX)) {
        kept.put(name, value);
      }
    });
    if (fields.get(FieldNames.SERVICE) == null) {
      Object service = fields.get(FIELDS_SERVICE) instanceof String named && !named.isBlank() ? named
          : fields.get(AGENT_TYPE);
      if (service instanceof String name && !name.isBlank()) {
        kept.put(FieldNames.SERVICE, name);
      }
    }
    return new LogEvent(event.timestamp(), event.level(), event.message(), kept.build());
  }
}
