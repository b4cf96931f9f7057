package dev.corral.server.inputs.syslog;

import dev.corral.server.config.ServerConfig;
import dev.corral.server.config.SocketInputsConfig;
import dev.corral.server.ingest.IngestSink;
import dev.corral.server.inputs.Input;
import dev.corral.server.inputs.socket.InputListener;
import dev.corral.server.inputs.socket.SocketInput;
import dev.corral.server.inputs.socket.TcpListener;
import dev.corral.server.inputs.socket.UdpListener;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * The listeners of syslog (RFC 5424 and RFC 3164) over UDP ({@code syslog-udp}), TCP
 * ({@code syslog-tcp}) and TLS ({@code syslog-tls}) that the configuration turns on. See
 * docs/inputs/syslog.md for framing, field mapping and limits.
 */
public final class SyslogInputs {
  /** Listener names, also the {@code dead_letter.input} of what each cannot decode. */
  public static final String UDP = "syslog-udp";
  public static final String TCP = "syslog-tcp";
  public static final String TLS = "syslog-tls";

  private SyslogInputs() {}

  /**
   * The listeners the configuration turns on, not yet bound: each binds its port when started.
   * The TLS listener reads its certificate and key when it starts.
   */
  public static List<Input> of(ServerConfig config, IngestSink sink) {
    SocketInputsConfig sockets = config.sockets();
    SyslogDecoder decoder = new SyslogDecoder(sink.eventDecoder(), Clock.systemDefaultZone());
    int maxMessageBytes = sink.eventDecoder().limits().maxEventBytes();
    List<Input> inputs = new ArrayList<>();
    if (sockets.syslogUdpPort() >= 0) {
      inputs.add(new SocketInput(UDP, "udp", sink, () -> {
        BatchWriter writer = new BatchWriter(UDP, sink);
        return UdpListener.start(UDP, config.host(), sockets.syslogUdpPort(),
            new SyslogUdpHandler(UDP, decoder, writer, maxMessageBytes)).stoppingFirst(writer::close);
      }));
    }
    if (sockets.syslogTcpPort() >= 0) {
      inputs.add(new SocketInput(TCP, "tcp", sink, () -> tcp(TCP, config, sockets.syslogTcpPort(), null, decoder, sink)));
    }
    if (sockets.syslogTlsPort() >= 0) {
      inputs.add(new SocketInput(TLS, "tls", sink, () -> {
        SSLContext tls = sockets.tlsKeystore() != null
            ? TlsContexts.fromPkcs12(sockets.tlsKeystore(), sockets.tlsKeystorePassword().toCharArray())
            : TlsContexts.fromPem(sockets.tlsCert(), sockets.tlsKey());
        return tcp(TLS, config, sockets.syslogTlsPort(), tls, decoder, sink);
      }));
    }
    return List.copyOf(inputs);
  }

  private static InputListener tcp(String name, ServerConfig config, int port, SSLContext tls, SyslogDecoder decoder,
      IngestSink sink) throws IOException {
    BatchWriter writer = new BatchWriter(name, sink);
    var limits = config.sockets().tcpLimits();
    SyslogTcpHandler handler = new SyslogTcpHandler(name, decoder, writer,
        sink.eventDecoder().limits().maxEventBytes(), limits.idleTimeout());
    return TcpListener.start(name, config.host(), port, tls, limits, handler).stoppingFirst(writer::close);
  }
}
