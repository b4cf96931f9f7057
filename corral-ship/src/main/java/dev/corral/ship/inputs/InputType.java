package dev.corral.ship.inputs;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What an input reads (its {@code type:} option). */
public enum InputType {
  /** Files by glob, tailed ({@code files}, the default). */
  FILES,
  /** The shipper's standard input, to its end. */
  STDIN,
  /** Kubernetes container logs ({@code /var/log/containers/*.log} by default), CRI or Docker json-file. */
  CONTAINERS,
  /** The systemd journal, through {@code journalctl -o json -f}. */
  JOURNALD;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  static InputType parse(String text, String where) {
    for (InputType type : values()) {
      if (type.key().equals(text)) {
        return type;
      }
    }
    throw new IllegalArgumentException(where + ": type '" + text + "' is unknown; the types are "
        + Arrays.stream(values()).map(InputType::key).collect(Collectors.joining(", ")));
  }
}
