package dev.corral.server.inputs.gelf;

import dev.corral.server.inputs.socket.Admission;
import dev.corral.server.inputs.socket.RetryingStore;
import dev.corral.server.inputs.socket.SourceAllowlist;
import dev.corral.server.inputs.socket.SocketInput;
import dev.corral.server.ingest.IngestSink;
import dev.corral.server.inputs.Input;
import dev.corral.server.inputs.socket.InputListener;
import dev.corral.server.inputs.socket.TcpLimits;
import dev.corral.server.inputs.socket.TcpListener;
import dev.corral.server.inputs.socket.ServerTls;
import dev.corral.server.tls.ReloadingTls;
import java.util.Optional;
import dev.corral.server.inputs.socket.UdpListener;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the listeners of GELF over UDP ({@code gelf-udp}: chunked, gzip, zlib or plain; see
 * {@link GelfUdpHandler}) and TCP ({@code gelf-tcp}: NUL-framed; see {@link GelfTcpHandler}) that
 * the configuration turns on ({@code gelf.udp_port}, {@code gelf.tcp_port}). Both map fields
 * exactly as the HTTP input does ({@link GelfMessageDecoder}) with the server's configured limits
 * and alias table.
 */
public final class GelfSocketInputs {
  private static final Logger LOG = LoggerFactory.getLogger(GelfSocketInputs.class);
  /** How often incomplete chunked messages are checked for expiry: a fifth of the 5 s GELF timeout. */
  static final Duration EXPIRY_INTERVAL = Duration.ofSeconds(1);

  private GelfSocketInputs() {}

  /**
   * The listeners on {@code host} that a port turns on ({@code gelf.udp_port}, {@code gelf.tcp_port};
   * -1 is off), not yet bound: each binds its port when started, and admits only {@code sources}.
   *
   * @param tls the shared key source ({@code tls.*}): when present the TCP port speaks TLS only
   */
  public static List<Input> of(IngestSink sink, String host, int udpPort, int tcpPort, TcpLimits tcpLimits,
      SourceAllowlist sources, Optional<ReloadingTls> tls) {
    GelfMessageDecoder decoder = new GelfMessageDecoder(sink.eventDecoder().limits(), sink.eventDecoder().normalizer());
    List<Input> inputs = new ArrayList<>();
    if (udpPort >= 0) {
      inputs.add(new SocketInput(GelfUdpHandler.INPUT, "udp", sink, () -> startUdp(host, udpPort, sources, decoder, sink)));
    }
    if (tcpPort >= 0) {
      inputs.add(new SocketInput(GelfTcpHandler.INPUT, tls.isPresent() ? "tls" : "tcp", sink, () -> {
        RetryingStore store = new RetryingStore(sink, GelfTcpHandler.INPUT);
        GelfTcpHandler handler = new GelfTcpHandler(decoder, store, tcpLimits.idleTimeout());
        return TcpListener.start(GelfTcpHandler.INPUT, host, tcpPort, tcpLimits,
            new Admission(sources, tls.map(ServerTls::new).orElse(null)), handler)
            .stoppingFirst(store::stop);
      }));
    }
    return List.copyOf(inputs);
  }

  private static InputListener startUdp(String host, int port, SourceAllowlist sources, GelfMessageDecoder decoder,
      IngestSink sink) throws IOException {
    RetryingStore store = new RetryingStore(sink, GelfUdpHandler.INPUT);
    GelfChunkAssembler assembler = new GelfChunkAssembler(GelfUdpHandler.INPUT, decoder.limits().maxEventBytes(),
        System::nanoTime);
    GelfUdpHandler handler = new GelfUdpHandler(decoder, assembler, store);
    UdpListener udp = UdpListener.start(GelfUdpHandler.INPUT, host, port, sources, handler);
    Thread timer = Thread.ofVirtual().name("corral-gelf-udp-expire").start(() -> expireLoop(handler, store));
    return udp.stoppingFirst(() -> {
      store.stop();
      timer.interrupt();
    });
  }

  private static void expireLoop(GelfUdpHandler handler, RetryingStore store) {
    while (!store.stopped()) {
      try {
        Thread.sleep(EXPIRY_INTERVAL);
      } catch (InterruptedException e) {
        return;
      }
      try {
        int expired = handler.expire();
        if (expired > 0) {
          LOG.atWarn().addKeyValue("input", GelfUdpHandler.INPUT).addKeyValue("expired", expired)
              .log("incomplete chunked GELF messages expired into dead letters");
        }
      } catch (RuntimeException e) {
        LOG.atError().setCause(e).addKeyValue("input", GelfUdpHandler.INPUT).log("expiring chunked messages failed");
      }
    }
  }
}
