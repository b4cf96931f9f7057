package dev.corral.log4j2;

import dev.corral.client.Origin;

/** The {@code service}, {@code environment}, {@code version}, {@code host} attributes of the appender and the layout. */
final class OriginAttributes {
  private OriginAttributes() {}

  /** The origin of these attributes (blank ones absent); without {@code host}, this machine's name. */
  static Origin origin(String service, String environment, String version, String host) {
    String named = blankToNull(host);
    return new Origin(blankToNull(service), blankToNull(environment), blankToNull(version),
        named != null ? named : Origin.detectHost());
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
