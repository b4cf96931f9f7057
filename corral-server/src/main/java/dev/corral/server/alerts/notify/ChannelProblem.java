package dev.corral.server.alerts.notify;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why a channel (or the whole file) of {@code channels.yaml} was refused: where, and what.
 *
 * @param file the file's path
 * @param line the 1-based line of the channel (or of the syntax error), 0 when unknown
 * @param channel the channel's name, empty when it has none or the problem is the file's
 * @param field the field at fault, empty when none is
 * @param message what is wrong, with the value and what was expected
 */
record ChannelProblem(String file, int line, String channel, String field, String message) {
  /** {@code channels.yaml line 4, channel 'oncall', field 'url': ...}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(file);
    if (line > 0) {
      text.append(" line ").append(line);
    }
    if (!channel.isEmpty()) {
      text.append(", channel '").append(channel).append('\'');
    }
    if (!field.isEmpty()) {
      text.append(", field '").append(field).append('\'');
    }
    return text.append(": ").append(message).toString();
  }

  /** The API's JSON of it. */
  Map<String, Object> json() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("file", file);
    json.put("line", line);
    json.put("channel", channel);
    json.put("field", field);
    json.put("error", message);
    json.put("text", toString());
    return json;
  }
}
