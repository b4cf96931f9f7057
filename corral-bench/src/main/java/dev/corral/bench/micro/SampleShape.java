package dev.corral.bench.micro;

import java.nio.charset.StandardCharsets;

/**
 * A JSON shape of the input events, for benchmarks that decode them. The simulated fleet writes each
 * service's logs in one shape; a raw fleet line is recognised by how it begins.
 */
public enum SampleShape {
  /**
   * Corral's own canonical JSON ({@code CanonicalJson}): the fleet's events decoded once and
   * written back flat, with canonical dotted names, as a client that already speaks the canonical
   * schema sends them. The alias table's identity case. Made from lines of every shape.
   */
  CANONICAL("{"),
  /** The unified microservice schema: {@code timestamp, level, service, …}, nested {@code context}, {@code performance}. */
  UNIFIED("{\"timestamp\":"),
  /** Elastic Common Schema, nested: {@code @timestamp, log.level, service.name, trace.id, ecs.version}. */
  ECS("{\"@timestamp\":", "\"ecs\":{\"version\":"),
  /** The flat common-format schema: {@code version "v2", loglevel, service_name, status_code, …}. */
  COMMON_FORMAT("{\"version\":\"v2\"");

  private final String prefix;
  private final String marker;

  SampleShape(String prefix) {
    this(prefix, "");
  }

  SampleShape(String prefix, String marker) {
    this.prefix = prefix;
    this.marker = marker;
  }

  /**
   * Whether a raw line of the simulated fleet is written in this shape. {@link #CANONICAL} takes
   * every line, since its sample is re-encoded from all of them.
   */
  public boolean matches(byte[] line) {
    String text = new String(line, StandardCharsets.UTF_8);
    return text.startsWith(prefix) && text.contains(marker);
  }
}
