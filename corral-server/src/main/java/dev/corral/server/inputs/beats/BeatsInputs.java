package dev.corral.server.inputs.beats;

import dev.corral.server.ingest.IngestSink;
import dev.corral.server.inputs.Input;
import dev.corral.server.inputs.socket.Admission;
import dev.corral.server.inputs.socket.InputListener;
import dev.corral.server.inputs.socket.RetryingStore;
import dev.corral.server.inputs.socket.ServerTls;
import dev.corral.server.inputs.socket.SocketInput;
import dev.corral.server.inputs.socket.SourceAllowlist;
import dev.corral.server.inputs.socket.TcpLimits;
import dev.corral.server.inputs.socket.TcpListener;
import dev.corral.server.tls.ListenerTls;
import dev.corral.server.tls.TlsOverride;
import java.io.IOException;
import java.util.List;

/**
 * The listener of the Beats input ({@code beats.port}, off by default, usually 5044): Filebeat's and Winlogbeat's
 * {@code output.logstash} (Lumberjack v2) send to it, over TCP, or TLS when {@code beats.tls_cert} and {@code
 * beats.tls_key} are set. Who may connect: with {@code beats.tls_client_ca}, a client whose certificate that CA signed,
 * from any source; otherwise the sources of {@code inputs.allowed_sources} (only loopback by default while API keys
 * are required), like syslog. See {@link BeatsConnection} for what one connection does and docs/inputs/beats.md.
 */
public final class BeatsInputs {
  /** The listener name ({@code CorralServer.inputPort("beats")}) and the {@code dead_letter.input}. */
  public static final String INPUT = "beats";

  private BeatsInputs() {}

  /**
   * The listener on {@code host:port}, not yet bound, or none when the port is -1. Its TLS files are read when it
   * starts.
   *
   * @param ownTls the {@code beats.tls_*} files, each overriding the shared {@code tls.*} one
   * @param tls the shared key source and policy: with a certificate (own or shared) the port speaks TLS only
   * @param sources who may connect without a client certificate
   */
  public static List<Input> of(IngestSink sink, String host, int port, TlsOverride ownTls, ListenerTls tls,
      TcpLimits tcpLimits, SourceAllowlist sources) {
    if (port < 0) {
      return List.of();
    }
    boolean secure = ownTls.hasCertificate() || tls.shared().isPresent();
    return List.of(new SocketInput(INPUT, secure ? "tls" : "tcp", sink, () -> {
      ServerTls serverTls = tls.forListener(ownTls).map(ServerTls::new).orElse(null);
      return start(host, port, tcpLimits, new Admission(sources, serverTls), sink, BeatsLimits.DEFAULTS);
    }));
  }

  static InputListener start(String host, int port, TcpLimits tcpLimits, Admission admission, IngestSink sink,
      BeatsLimits limits) throws IOException {
    RetryingStore store = new RetryingStore(sink, INPUT);
    TcpListener listener = TcpListener.start(INPUT, host, port, tcpLimits, admission,
        connection -> new BeatsConnection(connection, sink.eventDecoder(), store, limits).serve());
    return listener.stoppingFirst(store::stop);
  }
}
