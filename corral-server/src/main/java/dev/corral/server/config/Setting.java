package dev.corral.server.config;

import java.util.Objects;

/**
 * One configuration key: its dotted name (as in the YAML file), default value, what it does and the
 * shape of its value. The environment variable that overrides it is derived from the key:
 * {@code http.port} is {@code CORRAL_HTTP_PORT}.
 *
 * @param defaultValue the default as text; for a {@link Shape#LIST} comma-separated, for a {@link
 *     Shape#MAPS} empty (no entries)
 */
public record Setting(String key, String defaultValue, String description, Shape shape) {
  /** What a setting's value is made of. */
  public enum Shape {
    /** One value: a number, size, duration, name or flag. */
    VALUE("a single value"),
    /** A list of strings: a YAML list, or comma-separated text (the only form environment and flags can give). */
    LIST("a list of values"),
    /** A list of mappings of key to single value; only a YAML file can give one. */
    MAPS("a list of mappings (key: value)");

    private final String description;

    Shape(String description) {
      this.description = description;
    }

    /** What a value of this shape is, for error messages: "a list of values". */
    public String description() {
      return description;
    }
  }

  public Setting {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(shape, "shape");
    if (shape == Shape.MAPS && !defaultValue.isEmpty()) {
      throw new IllegalArgumentException("BUG: list-of-maps setting " + key + " cannot have a text default");
    }
  }

  /** A setting holding one value. */
  public Setting(String key, String defaultValue, String description) {
    this(key, defaultValue, description, Shape.VALUE);
  }

  /** A setting holding a list of strings, {@code defaultValue} comma-separated. */
  public static Setting list(String key, String defaultValue, String description) {
    return new Setting(key, defaultValue, description, Shape.LIST);
  }

  /** A setting holding a list of maps, empty by default. */
  public static Setting maps(String key, String description) {
    return new Setting(key, "", description, Shape.MAPS);
  }

  /** The environment variable that overrides this setting. */
  public String environmentVariable() {
    return "CORRAL_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
  }
}
