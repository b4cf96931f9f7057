package dev.corral.dist;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Formats one event for a terminal: {@code time LEVEL service message  key=value…}, with ANSI
 * colours when asked (level by severity, service and ids dimmed or tinted). Stateless.
 */
public final class EventLine {
  private static final String RESET = "\u001b[0m";
  private static final String DIM = "\u001b[2m";
  private static final String CYAN = "\u001b[36m";
  /** Width the service column is padded to, wide enough for most service names. */
  private static final int SERVICE_WIDTH = 18;

  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final boolean color;

  public EventLine(boolean color) {
    this.color = color;
  }

  /** One event as readable text (several lines when the message or stack trace has several). */
  public String format(JsonNode event) {
    StringBuilder line = new StringBuilder(160);
    String level = text(event, "level", "INFO");
    line.append(paint(DIM, timestamp(text(event, "timestamp", "?")))).append(' ');
    line.append(paint(levelColor(level), String.format("%-5s", level))).append(' ');
    line.append(paint(CYAN, String.format("%-" + SERVICE_WIDTH + "s", text(event, "service", "-")))).append(' ');
    line.append(text(event, "message", ""));
    String exceptionType = text(event, "exception.type", null);
    if (exceptionType != null) {
      line.append(' ').append(paint(levelColor("ERROR"), exceptionType + ": " + text(event, "exception.message", "")));
    }
    for (String id : new String[] {"trace_id", "request_id"}) {
      String value = text(event, id, null);
      if (value != null) {
        line.append(paint(DIM, "  " + id + "=" + value));
      }
    }
    return line.toString();
  }

  /** Millisecond precision and a fixed width, so columns line up whatever precision the event has. */
  private static String timestamp(String iso) {
    try {
      return MILLIS.format(Instant.parse(iso));
    } catch (DateTimeParseException e) {
      return iso;
    }
  }

  private String paint(String ansi, String text) {
    return color ? ansi + text + RESET : text;
  }

  private static String levelColor(String level) {
    return switch (level) {
      case "FATAL" -> "\u001b[1;35m";
      case "ERROR" -> "\u001b[1;31m";
      case "WARN" -> "\u001b[33m";
      case "INFO" -> "\u001b[32m";
      default -> DIM;
    };
  }

  private static String text(JsonNode event, String field, String fallback) {
    JsonNode value = event.get(field);
    return value == null || value.isNull() ? fallback : value.asText();
  }
}
