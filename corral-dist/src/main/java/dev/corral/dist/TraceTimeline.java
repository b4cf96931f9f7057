package dev.corral.dist;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws a trace answer ({@code GET /api/v1/trace/{id}}) for a terminal: one lane per service on
 * a shared time axis (events as {@code ·}, errors as {@code x}), then every event with its offset
 * from the start of the trace. Stateless apart from the colour choice.
 */
public final class TraceTimeline {
  /** Characters of the time axis: fits an 80-column terminal next to the service names. */
  static final int AXIS = 50;
  private static final int NAME_WIDTH = 18;
  private static final String RED = "\u001b[1;31m";
  private static final String RESET = "\u001b[0m";

  private final boolean color;

  public TraceTimeline(boolean color) {
    this.color = color;
  }

  /** The whole drawing as lines. */
  public List<String> format(JsonNode trace) {
    List<String> lines = new ArrayList<>();
    JsonNode events = trace.path("events");
    if (events.isEmpty()) {
      lines.add("No events with trace_id or request_id " + trace.path("id").asText() + ".");
      return lines;
    }
    long first = nanos(events.get(0));
    long last = nanos(events.get(events.size() - 1));
    double durationMs = (last - first) / 1e6;
    lines.add(String.format("Trace %s: %d services, %d events, %d errors, %.1f ms (%s → %s)%s",
        trace.path("id").asText(), trace.path("services").size(), events.size(), trace.path("errors").asInt(),
        durationMs, trace.path("first").asText(), trace.path("last").asText(),
        trace.path("truncated").asBoolean() ? " — truncated" : ""));
    lines.add("");
    lines.add(pad("service", NAME_WIDTH) + " 0 ms" + " ".repeat(AXIS - 4 - Long.toString(Math.round(durationMs)).length() - 3)
        + Math.round(durationMs) + " ms");
    Map<String, char[]> lanes = lanes(trace, events, first, last);
    for (JsonNode span : trace.path("services")) {
      String service = span.path("service").asText();
      String lane = paintErrors(new String(lanes.get(service)));
      lines.add(pad(service, NAME_WIDTH) + " " + lane + String.format("  %d events%s", span.path("events").asInt(),
          span.path("errors").asInt() > 0 ? ", " + span.path("errors").asInt() + " errors" : ""));
    }
    lines.add("");
    EventLine eventLine = new EventLine(color);
    for (JsonNode event : events) {
      lines.add(String.format("%+10.1f ms  ", (nanos(event) - first) / 1e6) + eventLine.format(event));
    }
    return lines;
  }

  private static Map<String, char[]> lanes(JsonNode trace, JsonNode events, long first, long last) {
    Map<String, char[]> lanes = new HashMap<>();
    for (JsonNode span : trace.path("services")) {
      char[] lane = new char[AXIS];
      java.util.Arrays.fill(lane, ' ');
      java.util.Arrays.fill(lane, position(nanos(span.path("first").asText()), first, last),
          position(nanos(span.path("last").asText()), first, last) + 1, '─');
      lanes.put(span.path("service").asText(), lane);
    }
    for (JsonNode event : events) {
      char[] lane = lanes.get(event.path("service").asText("(unknown)"));
      if (lane == null) {
        continue;
      }
      int at = position(nanos(event), first, last);
      String level = event.path("level").asText();
      boolean error = level.equals("ERROR") || level.equals("FATAL");
      if (error || lane[at] != 'x') {
        lane[at] = error ? 'x' : '·';
      }
    }
    return lanes;
  }

  /** Column of the axis where time {@code at} falls. */
  private static int position(long at, long first, long last) {
    return last == first ? 0 : (int) Math.max(0, Math.min(AXIS - 1, (at - first) * AXIS / (last - first)));
  }

  private String paintErrors(String lane) {
    return color ? lane.replace("x", RED + "x" + RESET) : lane;
  }

  private static long nanos(JsonNode event) {
    return nanos(event.path("timestamp").asText());
  }

  private static long nanos(String iso) {
    Instant instant = Instant.parse(iso);
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text.substring(0, width) : text + " ".repeat(width - text.length());
  }
}
