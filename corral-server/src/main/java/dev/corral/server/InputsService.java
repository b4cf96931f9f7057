package dev.corral.server;

import dev.corral.server.config.ServerConfig;
import dev.corral.server.http.Route;
import dev.corral.server.inputs.Endpoint;
import dev.corral.server.inputs.Input;
import dev.corral.server.auth.AccessControl;
import dev.corral.server.inputs.catalog.InputCatalog;
import dev.corral.server.inputs.socket.SocketInput;
import dev.corral.server.pipelines.PipelineLibrary;
import dev.corral.server.service.Service;
import dev.corral.server.service.Services;
import dev.corral.server.tls.ListenerTls;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Every input of {@link InputCatalog}, as one service: their routes for the HTTP API, started in
 * catalog order after it and stopped in reverse by their own {@link Services}. The inputs are
 * built, once, when first asked for (the HTTP service reads the routes before this service
 * starts), from the started ingest sink.
 * Owns the stats entry {@code inputs}: each input's own stats by name, with where it listens. Each input is a
 * {@code Service} itself; they are held here only because the sink they write to exists once the
 * {@code ingest} service has started.
 */
final class InputsService implements Service {
  private final ServerConfig config;
  private final IngestStage ingest;
  private final Supplier<AccessControl> access;
  private final PipelineLibrary pipelines;
  private final Supplier<ListenerTls> tls;
  private final LongSupplier releasable;
  private final Services running = new Services();
  private PrometheusRegistry metrics = new PrometheusRegistry();
  private List<Input> inputs;

  /**
   * @param access how inputs that carry credentials admit a sender; asked once the keys service started
   * @param pipelines the processing pipelines (the Elasticsearch-compatible input serves {@code _ingest/pipeline})
   * @param tls the TCP listeners' key sources, asked once the TLS service started
   * @param releasable the WAL position below which the Kafka input may commit offsets (the store's {@code sourceReleasePosition})
   */
  InputsService(ServerConfig config, IngestStage ingest, Supplier<AccessControl> access, PipelineLibrary pipelines,
      Supplier<ListenerTls> tls, LongSupplier releasable) {
    this.tls = tls;
    this.releasable = releasable;
    this.config = config;
    this.ingest = ingest;
    this.access = access;
    this.pipelines = pipelines;
  }

  @Override
  public String name() {
    return "inputs";
  }

  /** The inputs, built once from the started sink; none before the sink exists. */
  private synchronized List<Input> inputs() {
    if (inputs == null) {
      inputs = InputCatalog.of(config, ingest.ingest(), access.get(), pipelines, tls.get(), releasable);
    }
    return inputs;
  }

  /** The inputs built so far, without building them (for stopping and reading). */
  private synchronized List<Input> built() {
    return inputs == null ? List.of() : inputs;
  }

  @Override
  public List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    inputs().forEach(input -> routes.addAll(input.routes()));
    return routes;
  }

  @Override
  public void registerMetrics(PrometheusRegistry registry) {
    metrics = registry;
  }

  @Override
  public void start() throws IOException {
    inputs().forEach(running::add);
    running.start(metrics);
  }

  /** The bound port of a socket input by name (e.g. {@code syslog-tcp}), or -1 when it is off. */
  int port(String name) {
    for (Input input : built()) {
      if (input instanceof SocketInput socket && socket.name().equals(name)) {
        return socket.port();
      }
    }
    return -1;
  }

  @Override
  public Map<String, Object> stats() {
    Map<String, Object> inputs = new LinkedHashMap<>();
    for (Input input : built()) {
      Map<String, Object> one = new LinkedHashMap<>(input.stats());
      one.put("listens_on", input.endpoints().stream().map(Endpoint::describe).toList());
      inputs.put(input.name(), one);
    }
    return Map.of("inputs", inputs);
  }

  /** Stops every input in reverse start order, each once, trying all even when one fails. */
  @Override
  public void close() throws IOException {
    running.close();
  }
}
