package dev.corral.ship.config;

/** A shipper configuration that cannot be used; the message names the field, the value and what was expected. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
