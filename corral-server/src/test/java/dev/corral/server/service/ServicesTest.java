package dev.corral.server.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link Services}: start in order, stop in reverse, and a failed start leaves nothing running. */
class ServicesTest {
  private final List<String> calls = new ArrayList<>();

  /** Records what is called on it; fails its start or close when told to. */
  private final class Recording implements Service {
    private final String name;
    private final boolean failStart;
    private final boolean failClose;
    private String degraded;

    Recording(String name, boolean failStart, boolean failClose) {
      this.name = name;
      this.failStart = failStart;
      this.failClose = failClose;
    }

    Recording(String name) {
      this(name, false, false);
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void registerMetrics(PrometheusRegistry registry) {
      calls.add(name + ".metrics");
    }

    @Override
    public void start() throws IOException {
      calls.add(name + ".start");
      if (failStart) {
        throw new IOException(name + " cannot start");
      }
    }

    @Override
    public Optional<String> degradedReason() {
      return Optional.ofNullable(degraded);
    }

    @Override
    public void close() throws IOException {
      calls.add(name + ".close");
      if (failClose) {
        throw new IOException(name + " cannot close");
      }
    }
  }

  @Test
  void startsInOrderAfterRegisteringEveryMetricAndStopsInReverse() throws IOException {
    Services services = new Services();
    services.add(new Recording("lock"));
    services.add(new Recording("store"));
    services.add(new Recording("http"));

    services.start(new PrometheusRegistry());
    assertThat(calls).containsExactly("lock.metrics", "store.metrics", "http.metrics",
        "lock.start", "store.start", "http.start");

    calls.clear();
    services.close();
    assertThat(calls).containsExactly("http.close", "store.close", "lock.close");
    calls.clear();
    services.close();
    assertThat(calls).as("closed once").isEmpty();
  }

  @Test
  void aServiceFailingToStartStopsEveryServiceInReverseAndIsThrown() {
    Services services = new Services();
    services.add(new Recording("lock"));
    services.add(new Recording("store", true, false));
    services.add(new Recording("http"));

    assertThatThrownBy(() -> services.start(new PrometheusRegistry()))
        .isInstanceOf(IOException.class).hasMessage("store cannot start");
    assertThat(calls).containsExactly("lock.metrics", "store.metrics", "http.metrics", "lock.start", "store.start",
        "http.close", "store.close", "lock.close");
  }

  @Test
  void closeTriesEveryServiceAndThrowsTheFirstFailure() throws IOException {
    Services services = new Services();
    services.add(new Recording("lock", false, true));
    services.add(new Recording("store"));
    services.add(new Recording("http", false, true));
    services.start(new PrometheusRegistry());
    calls.clear();

    assertThatThrownBy(services::close).isInstanceOf(IOException.class).hasMessage("http cannot close");
    assertThat(calls).containsExactly("http.close", "store.close", "lock.close");
  }

  @Test
  void theFirstDegradedServiceInOrderGivesTheReason() {
    Services services = new Services();
    Recording store = services.add(new Recording("store"));
    Recording wal = services.add(new Recording("wal"));
    assertThat(services.degradedReason()).isEmpty();

    wal.degraded = "wal disk full";
    assertThat(services.degradedReason()).contains("wal disk full");
    store.degraded = "too many open files";
    assertThat(services.degradedReason()).contains("too many open files");
  }
}
