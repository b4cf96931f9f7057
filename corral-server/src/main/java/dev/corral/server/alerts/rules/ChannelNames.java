package dev.corral.server.alerts.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.Set;
import java.util.TreeSet;

/**
 * The channel names {@code channels.yaml} defines ({@code channels: [{name: ...}, ...]}), which rules
 * may name. The rest of that file is {@code alerts.notify}'s business and is not read here. A file
 * that does not read defines no names (every rule naming a channel is then refused, saying why).
 */
final class ChannelNames {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ChannelNames() {}

  /** The names, or a problem when the text does not read as {@code channels: [{name: ...}]}. */
  record Read(Set<String> names, String problem) {}

  static Read of(String text) {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      return new Read(Set.of(), "channels.yaml line " + line + ": malformed YAML: " + e.getOriginalMessage());
    }
    Set<String> names = new TreeSet<>();
    if (root == null || root.isMissingNode() || root.isNull()) {
      return new Read(Set.of(), null);
    }
    JsonNode channels = root.path("channels");
    if (!channels.isArray()) {
      return new Read(Set.of(), channels.isMissingNode() ? null : "channels.yaml: 'channels' must be a list");
    }
    for (JsonNode channel : channels) {
      String name = channel.path("name").asText("").strip();
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    return new Read(Set.copyOf(names), null);
  }
}
