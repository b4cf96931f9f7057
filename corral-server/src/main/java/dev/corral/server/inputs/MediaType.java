package dev.corral.server.inputs;

import java.util.Locale;

/**
 * The media type a {@code Content-Type} header names, as every HTTP input compares it: without
 * parameters ({@code ; charset=…}), trimmed, lower case. Stateless.
 */
public final class MediaType {
  private MediaType() {}

  /**
   * {@code "Application/JSON; charset=utf-8"} → {@code "application/json"}; a blank header gives
   * {@code ""}.
   *
   * @param contentType the Content-Type header, or null
   * @return the media type, or null when there is no header
   */
  public static String of(String contentType) {
    return contentType == null ? null : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
  }
}
