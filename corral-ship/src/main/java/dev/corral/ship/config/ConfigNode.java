package dev.corral.ship.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One mapping of the shipper's YAML with its dotted path, read field by field: every error names the field
 * ({@code output.batch_events}), the value and what was expected, and unknown keys are refused so that a typo
 * is not silently ignored.
 *
 * @param path the dotted path of this mapping ({@code ""} for the top level)
 * @param node the mapping itself
 */
record ConfigNode(String path, JsonNode node) {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kb|kib|mb|mib|gb|gib)?");

  static ConfigNode of(String path, JsonNode node) {
    if (node != null && !node.isNull() && !node.isObject()) {
      throw new ConfigException(path + " must be a mapping, not " + node);
    }
    return new ConfigNode(path, node);
  }

  String field(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  JsonNode get(String name) {
    JsonNode value = node == null ? null : node.get(name);
    return value == null || value.isNull() ? null : value;
  }

  ConfigNode child(String name) {
    return of(field(name), get(name));
  }

  void refuseUnknown(Set<String> known) {
    if (node == null) {
      return;
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new ConfigException("unknown setting " + field(name) + "; known here: " + String.join(", ",
            known.stream().sorted().toList()));
      }
    }
  }

  String text(String name, String fallback) {
    JsonNode value = get(name);
    if (value == null) {
      return fallback;
    }
    if (!value.isValueNode()) {
      throw new ConfigException(field(name) + " must be a string, not " + value);
    }
    return value.asText();
  }

  boolean bool(String name, boolean fallback) {
    JsonNode value = get(name);
    if (value == null) {
      return fallback;
    }
    if (!value.isBoolean()) {
      throw new ConfigException(field(name) + " must be true or false, not " + value);
    }
    return value.booleanValue();
  }

  int positiveInt(String name, int fallback, int max) {
    JsonNode value = get(name);
    if (value == null) {
      return fallback;
    }
    if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < 1 || value.intValue() > max) {
      throw new ConfigException(field(name) + " must be a whole number from 1 to " + max + ", not " + value);
    }
    return value.intValue();
  }

  /** A duration such as {@code 500ms}, {@code 5s}, {@code 10m}, {@code 24h}, {@code 7d}; a bare number is seconds. */
  Duration duration(String name, Duration fallback) {
    JsonNode value = get(name);
    if (value == null) {
      return fallback;
    }
    if (value.isIntegralNumber() && value.longValue() > 0) {
      return Duration.ofSeconds(value.longValue());
    }
    Matcher matcher = DURATION.matcher(value.asText().trim().toLowerCase(Locale.ROOT));
    if (!value.isTextual() || !matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
      throw new ConfigException(field(name) + " must be a positive duration like 500ms, 5s, 10m, 24h or 7d, not "
          + value);
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }

  /** A size in bytes such as {@code 1048576}, {@code 512kb}, {@code 256MiB}, {@code 1GB} (kb = KiB: 1024). */
  long bytes(String name, long fallback) {
    JsonNode value = get(name);
    if (value == null) {
      return fallback;
    }
    if (value.isIntegralNumber() && value.longValue() > 0) {
      return value.longValue();
    }
    Matcher matcher = SIZE.matcher(value.asText().trim().toLowerCase(Locale.ROOT));
    if (!value.isTextual() || !matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
      throw new ConfigException(field(name) + " must be a positive size like 1048576, 512KiB, 256MiB or 1GiB, not "
          + value);
    }
    long amount = Long.parseLong(matcher.group(1));
    String unit = matcher.group(2) == null ? "b" : matcher.group(2);
    return switch (unit.charAt(0)) {
      case 'k' -> amount << 10;
      case 'm' -> amount << 20;
      case 'g' -> amount << 30;
      default -> amount;
    };
  }
}
