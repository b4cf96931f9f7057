package dev.corral.server.inputs.fluent;

import dev.corral.server.ingest.IngestSink;
import dev.corral.server.inputs.Input;
import dev.corral.server.inputs.socket.Admission;
import dev.corral.server.inputs.socket.InputListener;
import dev.corral.server.inputs.socket.RetryingStore;
import dev.corral.server.inputs.socket.SocketInput;
import dev.corral.server.inputs.socket.SourceAllowlist;
import dev.corral.server.inputs.socket.TcpLimits;
import dev.corral.server.inputs.socket.TcpListener;
import dev.corral.server.inputs.socket.ServerTls;
import dev.corral.server.tls.ReloadingTls;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The listener of the Fluent forward protocol over TCP ({@code fluent.port}, default 24224)
 * that the configuration turns on: Fluent Bit's and Fluentd's {@code forward} outputs, Fluency and
 * the fluent-logger libraries send to it. With a shared key ({@code fluent.shared_key}) every connection must first
 * complete the protocol's handshake ({@link ForwardHandshake}, within {@code sockets.idle_timeout}), from any source:
 * the key is the credential. Without one, a connection is admitted by its source address ({@code
 * inputs.allowed_sources}: only loopback by default while API keys are required), like syslog and GELF. See
 * {@link ForwardConnection} for what one connection does. Its counters add {@code refused_handshakes} to the TCP
 * listener's.
 */
public final class FluentInputs {
  /** The listener name ({@code CorralServer.inputPort("fluent")}) and the {@code dead_letter.input}. */
  public static final String INPUT = "fluent";

  private FluentInputs() {}

  /**
   * The listener on {@code host:port} ({@code fluent.port}), not yet bound, or none when the port is -1.
   *
   * @param sharedKey the key every connection must prove in the handshake, or empty for no handshake
   * @param sources who may connect when there is no shared key
   * @param tls the shared key source ({@code tls.*}): when present the port speaks TLS only
   */
  public static List<Input> of(IngestSink sink, String host, int port, TcpLimits tcpLimits, Optional<String> sharedKey,
      SourceAllowlist sources, Optional<ReloadingTls> tls) {
    if (port < 0) {
      return List.of();
    }
    ForwardHandshake handshake = sharedKey.map(key -> ForwardHandshake.withKey(key, tcpLimits.idleTimeout()))
        .orElseGet(ForwardHandshake::none);
    Admission admission = new Admission(sharedKey.isPresent() ? SourceAllowlist.EVERYONE : sources,
        tls.map(ServerTls::new).orElse(null));
    return List.of(new SocketInput(INPUT, tls.isPresent() ? "tls" : "tcp", sink,
        () -> start(host, port, tcpLimits, admission, sink, ForwardLimits.DEFAULTS, handshake)));
  }

  static InputListener start(String host, int port, TcpLimits tcpLimits, Admission admission, IngestSink sink,
      ForwardLimits limits, ForwardHandshake handshake) throws IOException {
    RetryingStore store = new RetryingStore(sink, INPUT);
    TcpListener listener = TcpListener.start(INPUT, host, port, tcpLimits, admission,
        connection -> new ForwardConnection(connection, handshake, sink, store, limits).serve());
    return listener.stoppingFirst(store::stop, () -> Map.of("refused_handshakes", handshake.refused()));
  }
}
