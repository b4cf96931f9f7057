package dev.corral.ship.journald;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.ship.decode.StaticFields;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One entry of {@code journalctl -o json}, mapped to Corral's canonical fields:
 *
 * <ul>
 *   <li>{@code MESSAGE} is the message (a JSON object in it is decoded, as any line is); a binary message, which
 *       journalctl writes as an array of byte values, is decoded as UTF-8;
 *   <li>{@code PRIORITY} (syslog 0-7) is {@code level}: 0-2 FATAL, 3 ERROR, 4 WARN, 5-6 INFO, 7 DEBUG;
 *   <li>{@code _SYSTEMD_UNIT} without its {@code .service} suffix (else {@code SYSLOG_IDENTIFIER}) is
 *       {@code service}; the unit is also kept as {@code systemd.unit};
 *   <li>{@code _HOSTNAME} is {@code host}; {@code __REALTIME_TIMESTAMP} (microseconds since the epoch) is
 *       {@code timestamp}; {@code _PID} is {@code process.pid};
 *   <li>{@code __CURSOR} is the resume position, not a field.
 * </ul>
 *
 * @param message the message text
 * @param fields  the fields read from the entry
 * @param cursor  the entry's cursor
 */
record JournalEntry(String message, StaticFields fields, String cursor) {
  static JournalEntry of(JsonNode entry, StaticFields inputFields) {
    StaticFields fields = inputFields;
    String unit = text(entry, "_SYSTEMD_UNIT");
    String identifier = text(entry, "SYSLOG_IDENTIFIER");
    String service = unit != null ? unit.replaceFirst("\\.service$", "") : identifier;
    fields = fields.with("service", service).with("systemd.unit", unit).with("host", text(entry, "_HOSTNAME"));
    String priority = text(entry, "PRIORITY");
    if (priority != null && priority.length() == 1 && Character.isDigit(priority.charAt(0))) {
      fields = fields.with("level", level(priority.charAt(0) - '0'));
    }
    String micros = text(entry, "__REALTIME_TIMESTAMP");
    if (micros != null && micros.chars().allMatch(Character::isDigit) && !micros.isEmpty() && micros.length() < 19) {
      long value = Long.parseLong(micros);
      fields = fields.with("timestamp", Instant.ofEpochSecond(value / 1_000_000, value % 1_000_000 * 1000).toString());
    }
    String pid = text(entry, "_PID");
    if (pid != null && pid.chars().allMatch(Character::isDigit) && !pid.isEmpty() && pid.length() < 10) {
      fields = fields.with("process.pid", Integer.parseInt(pid));
    }
    String message = message(entry.get("MESSAGE"));
    return new JournalEntry(message, fields, text(entry, "__CURSOR"));
  }

  private static String level(int priority) {
    return switch (priority) {
      case 0, 1, 2 -> "FATAL";
      case 3 -> "ERROR";
      case 4 -> "WARN";
      case 5, 6 -> "INFO";
      default -> "DEBUG";
    };
  }

  private static String message(JsonNode value) {
    if (value == null || value.isNull()) {
      return "";
    }
    if (value.isArray()) { // a message with bytes that are not text: journalctl lists them
      byte[] bytes = new byte[value.size()];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) value.get(i).asInt();
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
    return value.asText();
  }

  private static String text(JsonNode entry, String field) {
    JsonNode value = entry.get(field);
    return value == null || !value.isTextual() ? null : value.asText();
  }
}
