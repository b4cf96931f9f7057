package dev.corral.demo;

import java.util.Objects;

/**
 * One microservice of the shop, as deployed.
 *
 * @param name service name, e.g. {@code payment-gateway}
 * @param shape JSON shape of its logs
 * @param platform runtime, for stack traces and thread names
 * @param version deployed version
 * @param codeBase package (JVM) or module (Python) its code lives in
 * @param medianMs median time spent in the service itself per request
 * @param sigma spread of the log-normal latency (0.3 tight … 0.9 wide)
 * @param memoryMb typical resident memory of a pod
 * @param external what it calls outside the fleet per request, or {@code null}
 */
record ShopService(String name, LogShape shape, Platform platform, String version, String codeBase,
    double medianMs, double sigma, int memoryMb, ExternalDependency external) {

  ShopService {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(platform, "platform");
    if (!(medianMs > 0) || !(sigma > 0)) {
      throw new IllegalArgumentException("service " + name + ": medianMs (" + medianMs + ") and sigma ("
          + sigma + ") must be positive");
    }
  }

  /** Logger name (JVM class, Python module) for a handler. */
  String loggerFor(String handler) {
    String type = Character.toUpperCase(handler.charAt(0)) + handler.substring(1);
    return switch (platform) {
      case JVM -> codeBase + "." + type + "Handler";
      case PYTHON -> codeBase + ".handlers";
      case DOTNET -> codeBase + ".Controllers." + type + "Controller";
    };
  }

  /** A stable source line for a handler, so the same function always logs from the same line. */
  int lineOf(String handler) {
    return 20 + Math.floorMod((name + "#" + handler).hashCode(), 380);
  }
}
