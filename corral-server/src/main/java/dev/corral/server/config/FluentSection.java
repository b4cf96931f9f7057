package dev.corral.server.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@code fluent.*} settings beyond the port (which is with the other socket inputs'): the shared key of the
 * forward protocol's handshake. The key is a secret: {@link #toString()} never shows it.
 *
 * @param sharedKey {@code fluent.shared_key} exactly as configured, or empty when it is not set (blank counts as
 *     not set)
 */
public record FluentSection(String sharedKey) {
  public FluentSection {
    Objects.requireNonNull(sharedKey, "sharedKey");
    sharedKey = sharedKey.isBlank() ? "" : sharedKey;
  }

  /** Reads {@code fluent.shared_key}. */
  public static FluentSection from(ConfigValues values) {
    return new FluentSection(values.text(Settings.FLUENT_SHARED_KEY));
  }

  /** The shared key every forward connection must prove in the handshake, if one is set. */
  public Optional<String> handshakeKey() {
    return sharedKey.isEmpty() ? Optional.empty() : Optional.of(sharedKey);
  }

  @Override
  public String toString() {
    return "FluentSection[sharedKey=" + (sharedKey.isEmpty() ? "(not set)" : "<hidden>") + "]";
  }
}
