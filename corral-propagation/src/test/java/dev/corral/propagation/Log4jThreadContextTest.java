package dev.corral.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.logging.log4j.ThreadContext;
import org.junit.jupiter.api.Test;

class Log4jThreadContextTest extends LogContextBackendContract {
  private final Log4jThreadContext backend = new Log4jThreadContext();

  @Override
  LogContextBackend backend() {
    return backend;
  }

  @Test
  void writesLog4jsThreadContext() {
    backend.put("span_id", "00f067aa0ba902b7");
    assertThat(ThreadContext.get("span_id")).isEqualTo("00f067aa0ba902b7");
    assertThat(backend.name()).isEqualTo("log4j");
  }
}
