package dev.corral.ship.decode;

import java.util.Locale;

/** How an input reads its lines (its {@code format:} option). */
public enum Format {
  /** Every line is a JSON object; a line that is not one is sent as {@code message} flagged {@code _invalid_json: true}. */
  JSON,
  /** Every line is text: sent as {@code {"message": line}}. */
  PLAIN,
  /** A line that is a JSON object is sent as that object; any other line as {@code {"message": line}}. */
  AUTO;

  /**
   * @throws IllegalArgumentException naming the value when it is not json, plain or auto
   */
  public static Format parse(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "json" -> JSON;
      case "plain" -> PLAIN;
      case "auto" -> AUTO;
      default -> throw new IllegalArgumentException("'" + text + "' is not a format; give json, plain or auto");
    };
  }
}
