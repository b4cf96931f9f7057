package dev.corral.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What every logging-context adapter must do; each adapter's test extends this. */
abstract class LogContextBackendContract {
  abstract LogContextBackend backend();

  @AfterEach
  void clean() {
    for (String key : CorrelationContext.KEYS) {
      backend().remove(key);
    }
  }

  @Test
  void putGetRemove() {
    LogContextBackend backend = backend();
    assertThat(backend.get("trace_id")).isNull();
    backend.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(backend.get("trace_id")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    backend.put("trace_id", "replaced");
    assertThat(backend.get("trace_id")).isEqualTo("replaced");
    backend.remove("trace_id");
    assertThat(backend.get("trace_id")).isNull();
    backend.remove("trace_id"); // removing an absent key is harmless
  }

  @Test
  void eachThreadHasItsOwnValues() throws Exception {
    LogContextBackend backend = backend();
    backend.put("request_id", "main-thread");
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      assertThat(other.submit(() -> backend.get("request_id")).get()).isNull();
      other.submit(() -> backend.put("request_id", "other-thread")).get();
    } finally {
      other.shutdown();
    }
    assertThat(backend.get("request_id")).isEqualTo("main-thread");
  }
}
