package dev.corral.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.logging.log4j.ThreadContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Scopes put the ids into both logging contexts (this test has both libraries) and put back what was there. */
class CorrelationContextTest {
  @AfterEach
  void clean() {
    MDC.clear();
    ThreadContext.clearMap();
  }

  @Test
  void bothLoggingLibrariesAreDetected() {
    assertThat(CorrelationContext.backends()).containsExactly("slf4j", "log4j");
  }

  @Test
  void aScopeFillsBothContextsAndClosingEmptiesThemAgain() {
    CorrelationIds ids = CorrelationIds.newTrace("req-1");
    try (CorrelationScope scope = CorrelationContext.open(ids)) {
      assertThat(CorrelationContext.current()).hasValue(ids);
      for (String key : CorrelationContext.KEYS) {
        assertThat(MDC.get(key)).as(key).isNotNull().isEqualTo(ThreadContext.get(key));
      }
      assertThat(MDC.get("trace_id")).isEqualTo(ids.traceId());
      assertThat(MDC.get("span_id")).isEqualTo(ids.spanId());
      assertThat(ThreadContext.get("request_id")).isEqualTo("req-1");
    }
    assertThat(CorrelationContext.current()).isEmpty();
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    assertThat(ThreadContext.getContext()).isEmpty();
  }

  @Test
  void nestedScopesRestoreTheOuterIdsAndForeignValuesSurvive() {
    MDC.put("request_id", "set-by-the-app");
    MDC.put("user_id", "u-9");
    CorrelationIds outer = CorrelationIds.newTrace("outer");
    CorrelationIds inner = CorrelationIds.newTrace("inner");
    try (CorrelationScope o = CorrelationContext.open(outer)) {
      try (CorrelationScope i = CorrelationContext.open(inner)) {
        assertThat(MDC.get("request_id")).isEqualTo("inner");
        assertThat(CorrelationContext.current()).hasValue(inner);
      }
      assertThat(MDC.get("trace_id")).isEqualTo(outer.traceId());
      assertThat(ThreadContext.get("request_id")).isEqualTo("outer");
      assertThat(CorrelationContext.current()).hasValue(outer);
    }
    assertThat(MDC.get("request_id")).isEqualTo("set-by-the-app");
    assertThat(MDC.get("trace_id")).isNull();
    assertThat(MDC.get("user_id")).isEqualTo("u-9");
    assertThat(ThreadContext.get("request_id")).isNull();
  }

  @Test
  void closingTwiceDoesNothingAndClosingOnAnotherThreadIsRefused() throws Exception {
    CorrelationScope scope = CorrelationContext.open(CorrelationIds.newTrace());
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      Future<?> closed = other.submit(scope::close);
      assertThatThrownBy(closed::get).hasCauseInstanceOf(IllegalStateException.class)
          .hasMessageContaining("close it where it was opened");
    } finally {
      other.shutdown();
    }
    assertThat(MDC.get("trace_id")).as("still open").isNotNull();
    scope.close();
    CorrelationIds later = CorrelationIds.newTrace();
    try (CorrelationScope next = CorrelationContext.open(later)) {
      scope.close();
      assertThat(MDC.get("trace_id")).as("a second close changes nothing").isEqualTo(later.traceId());
    }
  }

  @Test
  void wrappedTasksCarryTheIdsToAnotherThreadAndLeaveItClean() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      CorrelationIds ids = CorrelationIds.newTrace("job-1");
      Future<String> seen;
      try (CorrelationScope scope = CorrelationContext.open(ids)) {
        seen = pool.submit(CorrelationContext.wrap(() -> MDC.get("trace_id") + "/" + ThreadContext.get("request_id")));
      }
      assertThat(seen.get()).isEqualTo(ids.traceId() + "/job-1");
      assertThat(pool.submit(() -> MDC.get("trace_id") + "/" + CorrelationContext.current().isPresent()).get())
          .isEqualTo("null/false");
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void idsPutIntoTheMdcByOtherCodeAreCurrent() {
    CorrelationIds ids = CorrelationIds.newTrace("copied");
    MDC.put("trace_id", ids.traceId());
    MDC.put("span_id", ids.spanId());
    assertThat(CorrelationContext.current()).as("no request id yet").isEmpty();
    MDC.put("request_id", "copied");
    assertThat(CorrelationContext.current()).hasValueSatisfying(current -> {
      assertThat(current.traceId()).isEqualTo(ids.traceId());
      assertThat(current.spanId()).isEqualTo(ids.spanId());
      assertThat(current.requestId()).isEqualTo("copied");
    });
    MDC.put("trace_id", "not-hex");
    assertThat(CorrelationContext.current()).isEmpty();
  }
}
