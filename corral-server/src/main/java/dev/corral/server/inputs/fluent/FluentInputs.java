package dev.corral.server.inputs.fluent;

import dev.corral.server.config.ServerConfig;
import dev.corral.server.ingest.IngestService;
import dev.corral.server.inputs.socket.InputListener;
import dev.corral.server.inputs.socket.RetryingStore;
import dev.corral.server.inputs.socket.TcpListener;
import java.io.IOException;
import java.util.List;

/**
 * Starts the listener of the Fluent forward protocol over TCP ({@code fluent.port}, default 24224)
 * that the configuration turns on: Fluent Bit's and Fluentd's {@code forward} outputs, Fluency and
 * the fluent-logger libraries send to it. See {@link ForwardConnection} for what one connection does.
 */
public final class FluentInputs {
  /** The listener name ({@code CorralServer.inputPort("fluent")}) and the {@code dead_letter.input}. */
  public static final String INPUT = "fluent";

  private FluentInputs() {}

  /**
   * Binds every configured listener; on failure, closes those already started and throws.
   *
   * @throws IOException naming the port that cannot be bound
   */
  public static List<InputListener> start(ServerConfig config, IngestService ingest) throws IOException {
    int port = config.sockets().fluentPort();
    if (port < 0) {
      return List.of();
    }
    return List.of(start(config.host(), port, config, ingest, ForwardLimits.DEFAULTS));
  }

  static InputListener start(String host, int port, ServerConfig config, IngestService ingest, ForwardLimits limits)
      throws IOException {
    RetryingStore store = new RetryingStore(ingest, INPUT);
    TcpListener listener = TcpListener.start(INPUT, host, port, null, config.sockets().tcpLimits(),
        connection -> new ForwardConnection(connection, ingest, store, limits, store::stopped).serve());
    return listener.stoppingFirst(store::stop);
  }
}
