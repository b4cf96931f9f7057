package dev.corral.server.inputs.syslog;

import dev.corral.server.config.ServerConfig;
import dev.corral.server.config.SocketInputsConfig;
import dev.corral.server.ingest.IngestService;
import dev.corral.server.inputs.socket.InputListener;
import dev.corral.server.inputs.socket.TcpListener;
import dev.corral.server.inputs.socket.UdpListener;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * Starts the listeners of syslog (RFC 5424 and RFC 3164) over UDP ({@code syslog-udp}), TCP
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
   * Binds every configured listener; on failure, closes those already started and throws.
   *
   * @throws IOException naming the port that cannot be bound, or the TLS file that cannot be used
   */
  public static List<InputListener> start(ServerConfig config, IngestService ingest) throws IOException {
    SocketInputsConfig sockets = config.sockets();
    SyslogDecoder decoder = new SyslogDecoder(ingest.eventDecoder(), Clock.systemDefaultZone());
    int maxMessageBytes = ingest.eventDecoder().limits().maxEventBytes();
    List<InputListener> started = new ArrayList<>();
    try {
      if (sockets.syslogUdpPort() >= 0) {
        BatchWriter writer = new BatchWriter(UDP, ingest);
        started.add(UdpListener.start(UDP, config.host(), sockets.syslogUdpPort(),
            new SyslogUdpHandler(UDP, decoder, writer, maxMessageBytes)).stoppingFirst(writer::close));
      }
      if (sockets.syslogTcpPort() >= 0) {
        started.add(tcp(TCP, config, sockets.syslogTcpPort(), null, decoder, ingest));
      }
      if (sockets.syslogTlsPort() >= 0) {
        SSLContext tls = sockets.tlsKeystore() != null
            ? TlsContexts.fromPkcs12(sockets.tlsKeystore(), sockets.tlsKeystorePassword().toCharArray())
            : TlsContexts.fromPem(sockets.tlsCert(), sockets.tlsKey());
        started.add(tcp(TLS, config, sockets.syslogTlsPort(), tls, decoder, ingest));
      }
      return List.copyOf(started);
    } catch (IOException | RuntimeException e) {
      started.forEach(InputListener::close);
      throw e;
    }
  }

  private static InputListener tcp(String name, ServerConfig config, int port, SSLContext tls, SyslogDecoder decoder,
      IngestService ingest) throws IOException {
    BatchWriter writer = new BatchWriter(name, ingest);
    var limits = config.sockets().tcpLimits();
    SyslogTcpHandler handler = new SyslogTcpHandler(name, decoder, writer,
        ingest.eventDecoder().limits().maxEventBytes(), limits.idleTimeout());
    return TcpListener.start(name, config.host(), port, tls, limits, handler).stoppingFirst(writer::close);
  }
}
