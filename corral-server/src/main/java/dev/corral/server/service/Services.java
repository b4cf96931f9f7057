package dev.corral.server.service;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's services in dependency order: {@link #start} starts them first to last, {@link #close}
 * stops every one of them last to first (also those never started), whatever fails on the way. The
 * one place the start and stop order is kept. A start that fails stops everything added, so a
 * failed start leaves nothing open (no lock, no file, no port). Thread-safe.
 */
public final class Services implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Services.class);

  private final List<Service> inOrder = new ArrayList<>();
  private boolean closed;

  /** Adds a service after those already added: it may depend on them. Returns the service. */
  public synchronized <S extends Service> S add(S service) {
    if (closed) {
      throw new IllegalStateException("BUG: service " + service.name() + " added after the services were closed");
    }
    inOrder.add(service);
    return service;
  }

  /** The services in start order. */
  public synchronized List<Service> all() {
    return List.copyOf(inOrder);
  }

  /**
   * Registers every service's metrics, then starts each in order. When one fails, every service is
   * stopped in reverse order and the failure is thrown, naming the service.
   */
  public void start(PrometheusRegistry metrics) throws IOException {
    String current = null;
    try {
      for (Service service : all()) {
        current = service.name();
        service.registerMetrics(metrics);
      }
      for (Service service : all()) {
        current = service.name();
        long started = System.nanoTime();
        service.start();
        LOG.atDebug().addKeyValue("service", service.name())
            .addKeyValue("took_ms", (System.nanoTime() - started) / 1_000_000).log("started");
      }
    } catch (IOException | RuntimeException e) {
      LOG.atError().addKeyValue("service", current).addKeyValue("error", e.toString())
          .log("start failed; stopping the services started before it");
      try {
        close();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  /** The first reason a service gives for not doing its work now, if any. */
  public Optional<String> degradedReason() {
    for (Service service : all()) {
      Optional<String> reason = service.degradedReason();
      if (reason.isPresent()) {
        return reason;
      }
    }
    return Optional.empty();
  }

  /**
   * Stops every service in reverse order, once (later calls do nothing); throws the first failure
   * after trying them all.
   */
  @Override
  public void close() throws IOException {
    List<Service> reversed;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      reversed = new ArrayList<>(inOrder).reversed();
    }
    IOException failure = null;
    for (Service service : reversed) {
      try {
        service.close();
      } catch (Exception e) {
        LOG.atError().setCause(e).addKeyValue("service", service.name()).log("close failed");
        if (failure == null) {
          failure = e instanceof IOException io ? io : new IOException(service.name() + ": " + e.getMessage(), e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
