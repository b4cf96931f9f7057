package dev.corral.server.config;

import java.util.Objects;

/**
 * One configuration key: its dotted name (as in the YAML file), default value and what it does.
 * The environment variable that overrides it is derived from the key: {@code http.port} is
 * {@code CORRAL_HTTP_PORT}.
 */
public record Setting(String key, String defaultValue, String description) {
  public Setting {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(description, "description");
  }

  /** The environment variable that overrides this setting. */
  public String environmentVariable() {
    return "CORRAL_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
  }
}
