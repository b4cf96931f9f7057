package dev.corral.server;

import dev.corral.server.config.ServerConfig;
import dev.corral.server.http.IngestHandler;
import dev.corral.server.http.Route;
import dev.corral.server.ingest.IngestService;
import dev.corral.server.inputs.bulk.BulkEndpoints;
import dev.corral.server.inputs.fluent.FluentInputs;
import dev.corral.server.inputs.gelf.GelfHttpEndpoints;
import dev.corral.server.inputs.gelf.GelfSocketInputs;
import dev.corral.server.inputs.loki.LokiEndpoints;
import dev.corral.server.inputs.otlp.OtlpGrpcServer;
import dev.corral.server.inputs.otlp.OtlpHttpEndpoints;
import dev.corral.server.inputs.socket.InputListener;
import dev.corral.server.inputs.syslog.SyslogInputs;
import dev.corral.server.service.Service;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every input, as one service until each is one of its own: the HTTP ingest endpoints (native
 * NDJSON, {@code _bulk}, OTLP/HTTP, Loki, GELF HTTP) as routes, and the listeners it starts
 * (OTLP/gRPC, syslog, GELF and Fluent forward sockets). Owns the stats entry {@code inputs}.
 */
final class InputsService implements Service {
  private static final Logger LOG = LoggerFactory.getLogger(InputsService.class);

  private final ServerConfig config;
  private final IngestStage ingest;
  private final List<InputListener> sockets = new CopyOnWriteArrayList<>();
  private volatile OtlpGrpcServer otlpGrpc;

  InputsService(ServerConfig config, IngestStage ingest) {
    this.config = config;
    this.ingest = ingest;
  }

  @Override
  public String name() {
    return "inputs";
  }

  @Override
  public List<Route> routes() {
    IngestService sink = ingest.ingest();
    List<Route> routes = new ArrayList<>();
    routes.add(new Route("POST", "/api/v1/ingest", new IngestHandler(sink, config.maxBodyBytes())));
    routes.addAll(BulkEndpoints.routes(sink, config));
    routes.addAll(OtlpHttpEndpoints.routes(sink, config));
    routes.addAll(LokiEndpoints.routes(sink, config));
    routes.addAll(GelfHttpEndpoints.routes(sink, config));
    return routes;
  }

  @Override
  public void start() throws IOException {
    IngestService sink = ingest.ingest();
    if (config.otlpGrpcPort() >= 0) {
      otlpGrpc = OtlpGrpcServer.start(config.host(), config.otlpGrpcPort(), sink, config);
      LOG.atInfo().addKeyValue("port", otlpGrpc.port()).log("otlp grpc listening");
    }
    sockets.addAll(SyslogInputs.start(config, sink));
    sockets.addAll(GelfSocketInputs.start(config, sink));
    sockets.addAll(FluentInputs.start(config, sink));
    for (InputListener input : sockets) {
      LOG.atInfo().addKeyValue("input", input.name()).addKeyValue("port", input.port()).log("listening");
    }
  }

  /** The bound port of a socket input by name (e.g. {@code syslog-tcp}), or -1 when it is off. */
  int port(String name) {
    return sockets.stream().filter(input -> input.name().equals(name)).mapToInt(InputListener::port)
        .findFirst().orElse(-1);
  }

  /** The bound OTLP/gRPC port, or -1 when that receiver is off. */
  int otlpGrpcPort() {
    OtlpGrpcServer started = otlpGrpc;
    return started == null ? -1 : started.port();
  }

  /** Per socket input: its port and counters (UDP datagrams received and dropped, TCP connections open and refused). */
  @Override
  public Map<String, Object> stats() {
    Map<String, Object> inputs = new LinkedHashMap<>();
    for (InputListener input : List.copyOf(sockets)) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("port", input.port());
      one.putAll(input.counters());
      inputs.put(input.name(), one);
    }
    return Map.of("inputs", inputs);
  }

  @Override
  public void close() {
    sockets.forEach(InputListener::close);
    sockets.clear();
    OtlpGrpcServer started = otlpGrpc;
    otlpGrpc = null;
    if (started != null) {
      started.close();
    }
  }
}
