package dev.corral.server.config;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The resolved value of one setting, of its {@link Setting.Shape}: one text, a list of strings or a
 * list of maps. Immutable; collections are copied.
 */
sealed interface SettingValue {
  /** The value as a user would write it, for error messages. */
  String display();

  /** One value, as text. */
  record Text(String text) implements SettingValue {
    @Override
    public String display() {
      return text;
    }
  }

  /** A list of strings. */
  record Items(List<String> items) implements SettingValue {
    public Items {
      items = List.copyOf(items);
    }

    /** Comma-separated text (from the environment, a flag or a default): items trimmed, blanks dropped. */
    static Items parse(String text) {
      return new Items(Arrays.stream(text.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList());
    }

    @Override
    public String display() {
      return String.join(",", items);
    }
  }

  /** A list of maps of key to single value, in the order written. */
  record Entries(List<Map<String, String>> entries) implements SettingValue {
    public Entries {
      entries = entries.stream().map(entry -> Collections.unmodifiableMap(new LinkedHashMap<>(entry))).toList();
    }

    @Override
    public String display() {
      return entries.toString();
    }
  }
}
