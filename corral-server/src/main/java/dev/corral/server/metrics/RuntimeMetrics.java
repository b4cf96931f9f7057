package dev.corral.server.metrics;

import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The JVM's and the process's own metrics, from the Prometheus client's JVM instrumentation: heap
 * and non-heap memory by pool ({@code jvm_memory_used_bytes}), garbage collections ({@code
 * jvm_gc_collection_seconds}), threads, classes, buffer pools, JIT time, and the process's CPU time,
 * open and maximum file descriptors, resident and virtual memory ({@code process_*}).
 *
 * <p>They describe the process, not a server: they are registered once per JVM in a registry of
 * their own (the instrumentation keeps every registry it was given for the life of the JVM and adds
 * GC listeners per registration, so registering each server's registry would keep every stopped
 * server of a test run alive). Each server's registry gets a view of it ({@link #registerIn}), read
 * at scrape time.
 */
public final class RuntimeMetrics {
  private static final PrometheusRegistry JVM = jvmRegistry();

  private RuntimeMetrics() {}

  /** Adds the JVM and process metrics to {@code registry}; each scrape of it reads them afresh. */
  public static void registerIn(PrometheusRegistry registry) {
    registry.register((MultiCollector) JVM::scrape);
  }

  private static PrometheusRegistry jvmRegistry() {
    PrometheusRegistry registry = new PrometheusRegistry();
    JvmMetrics.builder().register(registry);
    return registry;
  }
}
