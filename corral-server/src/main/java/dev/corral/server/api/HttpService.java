package dev.corral.server.api;

import dev.corral.server.auth.AccessControl;
import dev.corral.server.config.HttpConfig;
import dev.corral.server.http.FileBudget;
import dev.corral.server.http.HiddenPaths;
import dev.corral.server.http.HttpApi;
import dev.corral.server.tls.ReloadingTls;
import java.util.Optional;
import dev.corral.server.http.OriginPolicy;
import dev.corral.server.http.RequestObserver;
import dev.corral.server.http.Route;
import dev.corral.server.http.StaticAssets;
import dev.corral.server.limits.QueryRateLimits;
import dev.corral.server.service.Service;
import dev.corral.server.service.Services;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API: serves every service's routes (read when it starts) and the UI. Its connection cap,
 * unless configured, is what the open-file limit leaves once the store and the socket inputs have
 * their share (a WARN when it leaves too little). Owns the HTTP-connections gauge.
 */
public final class HttpService implements Service {
  private static final Logger LOG = LoggerFactory.getLogger(HttpService.class);

  private final HttpConfig config;
  private final long socketConnections;
  private final HiddenPaths hiddenPaths;
  private final Services services;
  private final Supplier<AccessControl> accessControl;
  private final QueryRateLimits queries;
  private final RequestObserver observer;
  private volatile HttpApi api;
  private final Supplier<Optional<ReloadingTls>> tls;
  private volatile List<Route> served = List.of();

  /**
   * @param socketConnections the most connections the TCP socket inputs may hold (files HTTP cannot have)
   * @param hiddenPaths what error bodies never show
   * @param services whose routes are served, read at start
   * @param accessControl how requests are admitted, asked once at start (after the keys service started)
   * @param queries each key's queries per minute on read routes
   */
  public HttpService(HttpConfig config, long socketConnections, HiddenPaths hiddenPaths, Services services,
      Supplier<AccessControl> accessControl, QueryRateLimits queries) {
    this(config, socketConnections, hiddenPaths, services, accessControl, queries, Optional::empty,
        RequestObserver.NONE);
  }

  /**
   * An HTTP API that serves HTTPS when {@code tls} (asked once at start, after the TLS service started) gives a key
   * source.
   *
   * @param observer told of every admitted request once answered (the audit log's admin actions)
   */
  public HttpService(HttpConfig config, long socketConnections, HiddenPaths hiddenPaths, Services services,
      Supplier<AccessControl> accessControl, QueryRateLimits queries, Supplier<Optional<ReloadingTls>> tls,
      RequestObserver observer) {
    this.tls = tls;
    this.config = config;
    this.observer = observer;
    this.accessControl = accessControl;
    this.queries = queries;
    this.socketConnections = socketConnections;
    this.hiddenPaths = hiddenPaths;
    this.services = services;
  }

  @Override
  public String name() {
    return "http";
  }

  @Override
  public void start() throws IOException {
    List<Route> routes = new ArrayList<>();
    for (Service service : services.all()) {
      routes.addAll(service.routes());
    }
    served = StaticAssets.withUi(routes);
    api = HttpApi.start(options(), served);
  }

  /** Every route served, with the access each declares (the UI's included); empty before start. */
  public List<Route> servedRoutes() {
    return served;
  }

  private HttpApi.Options options() {
    FileBudget budget = new FileBudget(FileBudget.processFileLimit(), socketConnections);
    int maxConnections = config.maxConnections() > 0 ? config.maxConnections() : budget.httpConnections();
    if (budget.tooLow() || maxConnections > budget.httpFiles()) {
      LOG.atWarn().addKeyValue("file_limit", budget.fileLimit()).addKeyValue("http_max_connections", maxConnections)
          .log("the open-file limit is too low for the configured listeners (" + budget.describe() + "): raise it "
              + "(ulimit -n, LimitNOFILE=), or lower sockets.max_connections or http.max_connections");
    }
    LOG.atInfo().addKeyValue("file_limit", budget.fileLimit()).addKeyValue("max_connections", maxConnections)
        .log("http connection cap");
    return new HttpApi.Options(config.host(), config.port(), maxConnections, config.headerTimeout(),
        config.idleTimeout(), new OriginPolicy(config.host(), config.allowedHosts(), config.allowedOrigins()),
        hiddenPaths, accessControl.get(), queries, tls.get().orElse(null), observer);
  }

  private HttpApi api() {
    HttpApi started = api;
    if (started == null) {
      throw new IllegalStateException("BUG: the HTTP API is used before its service started");
    }
    return started;
  }

  /** The bound port. */
  public int port() {
    return api().port();
  }

  /** The HTTP connections open now and their cap. */
  public HttpApi.Connections connections() {
    return api().connections();
  }

  @Override
  public void registerMetrics(PrometheusRegistry registry) {
    GaugeWithCallback.builder().name("corral_http_connections")
        .help("HTTP connections open now")
        .callback(callback -> callback.call(api == null ? 0 : api.connections().open())).register(registry);
  }

  /** Stops accepting, gives requests in flight a short grace, closes the connections. */
  @Override
  public void close() {
    HttpApi started = api;
    api = null;
    if (started != null) {
      started.close();
    }
  }
}
