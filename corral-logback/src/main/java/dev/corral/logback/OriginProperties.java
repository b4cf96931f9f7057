package dev.corral.logback;

import dev.corral.client.Origin;

/**
 * The {@code service}, {@code environment}, {@code version} and {@code host} properties shared by the appender
 * and the encoder, as Logback's configurator sets them (one setter each) before {@code start()}.
 */
final class OriginProperties {
  private String service;
  private String environment;
  private String version;
  private String host;

  void setService(String service) {
    this.service = blankToNull(service);
  }

  void setEnvironment(String environment) {
    this.environment = blankToNull(environment);
  }

  void setVersion(String version) {
    this.version = blankToNull(version);
  }

  void setHost(String host) {
    this.host = blankToNull(host);
  }

  String service() {
    return service;
  }

  /** The origin set so far; without a {@code host} property, this machine's name. */
  Origin origin() {
    return new Origin(service, environment, version, host != null ? host : Origin.detectHost());
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
