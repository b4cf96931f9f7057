package dev.corral.server.inputs.fluent;

import dev.corral.server.ingest.IngestSink;
import dev.corral.server.inputs.Input;
import dev.corral.server.inputs.socket.InputListener;
import dev.corral.server.inputs.socket.RetryingStore;
import dev.corral.server.inputs.socket.SocketInput;
import dev.corral.server.inputs.socket.TcpLimits;
import dev.corral.server.inputs.socket.TcpListener;
import java.io.IOException;
import java.util.List;

/**
 * The listener of the Fluent forward protocol over TCP ({@code fluent.port}, default 24224)
 * that the configuration turns on: Fluent Bit's and Fluentd's {@code forward} outputs, Fluency and
 * the fluent-logger libraries send to it. See {@link ForwardConnection} for what one connection does.
 */
public final class FluentInputs {
  /** The listener name ({@code CorralServer.inputPort("fluent")}) and the {@code dead_letter.input}. */
  public static final String INPUT = "fluent";

  private FluentInputs() {}

  /** The listener on {@code host:port} ({@code fluent.port}), not yet bound, or none when the port is -1. */
  public static List<Input> of(IngestSink sink, String host, int port, TcpLimits tcpLimits) {
    if (port < 0) {
      return List.of();
    }
    return List.of(new SocketInput(INPUT, "tcp", sink, () -> start(host, port, tcpLimits, sink, ForwardLimits.DEFAULTS)));
  }

  static InputListener start(String host, int port, TcpLimits tcpLimits, IngestSink sink, ForwardLimits limits)
      throws IOException {
    RetryingStore store = new RetryingStore(sink, INPUT);
    TcpListener listener = TcpListener.start(INPUT, host, port, null, tcpLimits,
        connection -> new ForwardConnection(connection, sink, store, limits, store::stopped).serve());
    return listener.stoppingFirst(store::stop);
  }
}
