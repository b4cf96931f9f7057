package dev.corral.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class Slf4jMdcTest extends LogContextBackendContract {
  private final Slf4jMdc backend = new Slf4jMdc();

  @Override
  LogContextBackend backend() {
    return backend;
  }

  @Test
  void writesSlf4jsMdc() {
    backend.put("span_id", "00f067aa0ba902b7");
    assertThat(MDC.get("span_id")).isEqualTo("00f067aa0ba902b7");
    assertThat(backend.name()).isEqualTo("slf4j");
  }
}
