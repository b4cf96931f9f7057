package dev.corral.ship.deliver;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * The Kafka record key of an event: its service, so that one service's events land in one partition and keep their
 * order. Read from the event's JSON without building a tree, by the names the server's default alias table gives
 * the canonical {@code service} (corral-model's {@code aliases.yaml}), case ignored: {@code service} itself first,
 * then {@code service_name}, {@code ServiceKey}, {@code service.name} (dotted, or {@code {"service":{"name":..}}})
 * and {@code app}. Only a non-blank string counts; an event without one has no key (Kafka spreads those).
 * Stateless and thread-safe.
 */
final class ServiceKey {
  private static final JsonFactory JSON = new JsonFactory();
  /**
   * The canonical name, then its aliases in the order the alias table lists them (lower-cased); a copy, as the
   * shipper carries no server module, that ServiceKeyTest holds to the table.
   */
  static final List<String> NAMES = List.of("service", "service_name", "servicekey", "service.name", "app");

  private ServiceKey() {
  }

  /** The service named by the event {@code json} (one JSON object), or null when it names none. */
  static String of(String json) {
    String[] found = new String[NAMES.size()];
    try (JsonParser parser = JSON.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName().toLowerCase(Locale.ROOT);
        JsonToken value = parser.nextToken();
        int rank = NAMES.indexOf(name);
        if (value == JsonToken.VALUE_STRING && rank >= 0) {
          found[rank] = parser.getText();
          if (rank == 0 && !found[0].isBlank()) {
            break; // the canonical name wins over every alias
          }
        } else if (value == JsonToken.START_OBJECT && name.equals("service")) {
          found[NAMES.indexOf("service.name")] = nestedName(parser);
        } else {
          parser.skipChildren();
        }
      }
    } catch (IOException e) {
      return null; // not one JSON object: the server makes it a dead letter, the key does not matter
    }
    for (String service : found) {
      if (service != null && !service.isBlank()) {
        return service;
      }
    }
    return null;
  }

  /** Inside {@code "service": {...}}: the string {@code name}, or null; leaves the parser at the object's end. */
  private static String nestedName(JsonParser parser) throws IOException {
    String name = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      boolean isName = parser.currentName().equalsIgnoreCase("name");
      JsonToken value = parser.nextToken();
      if (isName && value == JsonToken.VALUE_STRING) {
        name = parser.getText();
      } else {
        parser.skipChildren();
      }
    }
    return name;
  }
}
