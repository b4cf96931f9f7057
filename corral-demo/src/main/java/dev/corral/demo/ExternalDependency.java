package dev.corral.demo;

/**
 * Something outside the fleet a service calls on every request it serves: a database, a cache,
 * a third-party API. Each call is logged with logtype {@code external}.
 *
 * @param protocol {@code https}, {@code postgresql}, {@code redis}
 * @param host host (and port) called
 * @param endpoint path, statement or command
 * @param method HTTP method or query verb
 * @param medianMs median round trip
 */
record ExternalDependency(String protocol, String host, String endpoint, String method, double medianMs) {

  boolean isDatabase() {
    return protocol.equals("postgresql");
  }
}
