package dev.corral.server.config;

import dev.corral.query.TimeExpression;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Resolved configuration: every {@link Settings} key mapped to its effective value (of the
 * setting's {@link Setting.Shape}), with the source it came from, and typed accessors whose errors
 * name the key, the value and the source. Immutable.
 */
public final class ConfigValues {
  private final Map<String, SettingValue> values;
  private final Map<String, String> sources;

  ConfigValues(Map<String, SettingValue> values, Map<String, String> sources) {
    this.values = Map.copyOf(values);
    this.sources = Map.copyOf(sources);
  }

  /** The text value of a single-value setting. */
  public String text(Setting setting) {
    return resolved(setting, SettingValue.Text.class).text();
  }

  /** The strings of a list setting, in order, trimmed, blanks dropped; empty when none. */
  public List<String> list(Setting setting) {
    return resolved(setting, SettingValue.Items.class).items();
  }

  /** The maps of a list-of-maps setting, in order, each key to its text value; empty when none. */
  public List<Map<String, String>> maps(Setting setting) {
    return resolved(setting, SettingValue.Entries.class).entries();
  }

  private <T extends SettingValue> T resolved(Setting setting, Class<T> shape) {
    SettingValue value = values.get(setting.key());
    if (value == null) {
      throw new IllegalStateException("BUG: setting " + setting.key() + " is not resolved");
    }
    if (!shape.isInstance(value)) {
      throw new IllegalStateException("BUG: setting " + setting.key() + " holds " + setting.shape().description()
          + ", read it with the accessor for that shape");
    }
    return shape.cast(value);
  }

  /** Where the value of a setting came from: "default", a file path, an environment variable or "flag". */
  public String source(Setting setting) {
    return sources.getOrDefault(setting.key(), "default");
  }

  public int integer(Setting setting, int min, int max) {
    long value;
    try {
      value = Long.parseLong(text(setting).trim());
    } catch (NumberFormatException e) {
      throw invalid(setting, "is not a whole number");
    }
    if (value < min || value > max) {
      throw invalid(setting, "is outside " + min + ".." + max);
    }
    return (int) value;
  }

  public boolean bool(Setting setting) {
    return switch (text(setting).trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw invalid(setting, "is not true or false");
    };
  }

  public long bytes(Setting setting, long min, long max) {
    long value;
    try {
      value = ByteSize.parse(text(setting));
    } catch (IllegalArgumentException e) {
      throw invalid(setting, e.getMessage());
    }
    if (value < min || value > max) {
      throw invalid(setting, "is outside " + min + ".." + max + " bytes");
    }
    return value;
  }

  /**
   * A duration setting ({@code 30s}, {@code 1h}, {@code 7d}); a bare {@code 0} is zero where
   * {@code min} allows it.
   */
  public Duration duration(Setting setting, Duration min, Duration max) {
    String text = text(setting).trim();
    if (text.equals("0") && min.isZero()) {
      return Duration.ZERO; // "0" has no unit; where zero is allowed it means none
    }
    Duration value;
    try {
      value = TimeExpression.parseDuration(text);
    } catch (IllegalArgumentException e) {
      throw invalid(setting, e.getMessage());
    }
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw invalid(setting, "is outside " + min + ".." + max);
    }
    return value;
  }

  private ConfigException invalid(Setting setting, String problem) {
    return new ConfigException("setting " + setting.key() + " = '" + values.get(setting.key()).display() + "' (from "
        + source(setting) + ") " + problem);
  }
}
