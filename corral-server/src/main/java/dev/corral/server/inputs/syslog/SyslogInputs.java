package dev.corral.server.inputs.syslog;

import dev.corral.server.ingest.IngestSink;
import dev.corral.server.inputs.Input;
import dev.corral.server.inputs.socket.Admission;
import dev.corral.server.inputs.socket.InputListener;
import dev.corral.server.inputs.socket.SocketInput;
import dev.corral.server.inputs.socket.TcpLimits;
import dev.corral.server.inputs.socket.TcpListener;
import dev.corral.server.inputs.socket.UdpListener;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The listeners of syslog (RFC 5424 and RFC 3164) over UDP ({@code syslog-udp}), TCP
 * ({@code syslog-tcp}) and TLS ({@code syslog-tls}) that the configuration turns on, each admitting
 * the configured sources; the TLS listener, when it requires client certificates, admits by
 * certificate instead ({@link Admission}). See docs/inputs/syslog.md for framing, field mapping and
 * limits, docs/security.md for who may send.
 */
public final class SyslogInputs {
  /** Listener names, also the {@code dead_letter.input} of what each cannot decode. */
  public static final String UDP = "syslog-udp";
  public static final String TCP = "syslog-tcp";
  public static final String TLS = "syslog-tls";

  private SyslogInputs() {}

  /**
   * The listeners that {@code listeners} turns on, not yet bound: each binds its port when
   * started. The TLS listener reads its certificate and key when it starts.
   */
  public static List<Input> of(IngestSink sink, SyslogListeners listeners) {
    SyslogDecoder decoder = new SyslogDecoder(sink.eventDecoder(), Clock.systemDefaultZone());
    int maxMessageBytes = sink.eventDecoder().limits().maxEventBytes();
    List<Input> inputs = new ArrayList<>();
    if (listeners.udpPort() >= 0) {
      inputs.add(new SocketInput(UDP, "udp", sink, () -> {
        BatchWriter writer = new BatchWriter(UDP, sink);
        return UdpListener.start(UDP, listeners.host(), listeners.udpPort(), listeners.sources(),
            new SyslogUdpHandler(UDP, decoder, writer, maxMessageBytes)).stoppingFirst(writer::close);
      }));
    }
    if (listeners.tcpPort() >= 0) {
      inputs.add(new SocketInput(TCP, "tcp", sink, () -> tcp(TCP, listeners, listeners.tcpPort(),
          Admission.plain(listeners.sources()), decoder, sink)));
    }
    if (listeners.tlsPort() >= 0) {
      inputs.add(new SocketInput(TLS, "tls", sink, () -> tcp(TLS, listeners, listeners.tlsPort(),
          new Admission(listeners.sources(), listeners.tls()), decoder, sink)));
    }
    return List.copyOf(inputs);
  }

  private static InputListener tcp(String name, SyslogListeners listeners, int port, Admission admission,
      SyslogDecoder decoder, IngestSink sink) throws IOException {
    BatchWriter writer = new BatchWriter(name, sink);
    TcpLimits limits = listeners.tcpLimits();
    SyslogTcpHandler handler = new SyslogTcpHandler(name, decoder, writer,
        sink.eventDecoder().limits().maxEventBytes(), limits.idleTimeout());
    return TcpListener.start(name, listeners.host(), port, limits, admission, handler).stoppingFirst(writer::close);
  }
}
