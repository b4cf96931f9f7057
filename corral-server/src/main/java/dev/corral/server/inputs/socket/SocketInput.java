package dev.corral.server.inputs.socket;

import dev.corral.server.ingest.IngestSink;
import dev.corral.server.inputs.Endpoint;
import dev.corral.server.inputs.Input;
import dev.corral.server.inputs.InputStats;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An input that listens on a port of its own (syslog, GELF UDP/TCP, Fluent forward, OTLP/gRPC):
 * {@link #start()} binds it through its {@link Binder}, {@link #close()} stops it (what waits on
 * the sink for it first, then the socket). Its stats are what the sink counted for it plus the
 * listener's counters. Thread-safe.
 */
public final class SocketInput implements Input {
  private static final Logger LOG = LoggerFactory.getLogger(SocketInput.class);

  /** Binds the input's listener; throws naming the port when it cannot. */
  @FunctionalInterface
  public interface Binder {
    InputListener bind() throws IOException;
  }

  private final String name;
  private final String transport;
  private final IngestSink sink;
  private final Binder binder;
  private volatile InputListener listener;

  /**
   * @param name the input's name, the one its listener gives the sink
   * @param transport {@code udp}, {@code tcp}, {@code tls} or {@code grpc}
   */
  public SocketInput(String name, String transport, IngestSink sink, Binder binder) {
    this.name = name;
    this.transport = transport;
    this.sink = sink;
    this.binder = binder;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void start() throws IOException {
    if (listener != null) {
      throw new IllegalStateException("BUG: input " + name + " started twice");
    }
    listener = binder.bind();
    var line = LOG.atInfo().addKeyValue("input", name).addKeyValue("transport", transport)
        .addKeyValue("port", listener.port());
    if (!listener.admits().isEmpty()) {
      line = line.addKeyValue("admits", listener.admits());
    }
    line.log("listening");
  }

  /** The bound port, or -1 before start. */
  public int port() {
    InputListener bound = listener;
    return bound == null ? -1 : bound.port();
  }

  @Override
  public List<Endpoint> endpoints() {
    return List.of(new Endpoint.Port(transport, port()));
  }

  @Override
  public Map<String, Object> stats() {
    InputListener bound = listener;
    Map<String, Object> own = new TreeMap<>();
    own.put("port", port());
    if (bound != null) {
      own.putAll(bound.counters());
      if (!bound.admits().isEmpty()) {
        own.put("admits", bound.admits());
      }
    }
    return InputStats.of(sink.counts(name), own);
  }

  @Override
  public void close() {
    InputListener bound = listener;
    if (bound != null) {
      bound.close();
    }
  }
}
