package dev.corral.dist;

import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options of the commands that talk to a running server: where it is, its API key, whether to colour output. */
public final class ClientOptions {
  @Option(names = "--url", defaultValue = "${env:CORRAL_URL:-http://localhost:8080}",
      description = "Server URL (default ${DEFAULT-VALUE}; env CORRAL_URL).")
  URI url;

  @Option(names = "--key", defaultValue = "${env:CORRAL_API_KEY}",
      description = "API key id:secret, for a server with auth.mode keys (env CORRAL_API_KEY).")
  String key;

  @Option(names = "--ca", defaultValue = "${env:CORRAL_CA_CERT}", paramLabel = "FILE",
      description = "PEM file of the CA that signed an https server's certificate, e.g. the ca.pem of `corral certs "
          + "create` (env CORRAL_CA_CERT); default: the JDK's trusted CAs.")
  Path ca;

  @Option(names = "--color", defaultValue = "auto",
      description = "auto, always or never (default ${DEFAULT-VALUE}; NO_COLOR is honoured).")
  String color;

  ServerClient client() {
    return new ServerClient(url, key, ca);
  }

  /** Whether to colour: {@code always}, {@code never} or {@code auto} (a console and no NO_COLOR). */
  boolean useColor() {
    return switch (color) {
      case "always" -> true;
      case "never" -> false;
      default -> System.console() != null && System.getenv("NO_COLOR") == null;
    };
  }
}
