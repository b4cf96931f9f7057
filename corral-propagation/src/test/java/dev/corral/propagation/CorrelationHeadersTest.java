package dev.corral.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How an incoming request's headers become ids, and which headers a call and a response get. */
class CorrelationHeadersTest {
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CALLER_SPAN = "00f067aa0ba902b7";

  private static CorrelationIds read(String... namesAndValues) {
    Map<String, String> headers = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      headers.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return CorrelationHeaders.read(headers::get);
  }

  @Test
  void aValidTraceparentIsContinuedWithANewSpanUnderTheCallers() {
    CorrelationIds ids = read("traceparent", "00-" + TRACE + "-" + CALLER_SPAN + "-00", "X-Request-ID", "req-42");
    assertThat(ids.traceId()).isEqualTo(TRACE);
    assertThat(ids.parentSpan()).hasValue(CALLER_SPAN);
    assertThat(ids.spanId()).isNotEqualTo(CALLER_SPAN).matches("[0-9a-f]{16}");
    assertThat(ids.traceFlags()).as("flags carried unchanged").isZero();
    assertThat(ids.requestId()).isEqualTo("req-42");
  }

  @Test
  void traceparentWinsOverXTraceId() {
    CorrelationIds ids = read("traceparent", "00-" + TRACE + "-" + CALLER_SPAN + "-01",
        "X-Trace-ID", "11111111111111111111111111111111");
    assertThat(ids.traceId()).isEqualTo(TRACE);
  }

  @Test
  void xTraceIdIsAcceptedAsHexOrUuidInAnyCase() {
    assertThat(read("X-Trace-ID", TRACE.toUpperCase()).traceId()).isEqualTo(TRACE);
    assertThat(read("X-Trace-ID", "4BF92F35-77B3-4DA6-A3CE-929D0E0E4736").traceId()).isEqualTo(TRACE);
    CorrelationIds ids = read("X-Trace-ID", TRACE);
    assertThat(ids.parentSpan()).isEmpty();
    assertThat(ids.traceFlags()).isEqualTo(TraceParent.SAMPLED);
  }

  @Test
  void badIdsAreReplacedByFreshOnes() {
    String tenKilobytes = "r".repeat(10 * 1024);
    CorrelationIds ids = read("traceparent", "00-00000000000000000000000000000000-" + CALLER_SPAN + "-01",
        "X-Trace-ID", "00000000-0000-0000-0000-000000000000", "X-Request-ID", tenKilobytes);
    assertThat(ids.traceId()).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
    assertThat(ids.parentSpan()).isEmpty();
    assertThat(ids.requestId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    for (String bad : new String[] {"", "with space", "line\nbreak", "tab\t", "bell\u0007", "caf\u00e9",
        "r".repeat(CorrelationIds.MAX_REQUEST_ID_LENGTH + 1)}) {
      assertThat(read("X-Request-ID", bad).requestId()).as(CorrelationIds.describe(bad)).isNotEqualTo(bad);
    }
    String longest = "r".repeat(CorrelationIds.MAX_REQUEST_ID_LENGTH);
    assertThat(read("X-Request-ID", longest).requestId()).isEqualTo(longest);
    assertThat(read("X-Trace-ID", "not-a-trace").traceId()).isNotEqualTo("not-a-trace").matches("[0-9a-f]{32}");
  }

  @Test
  void noHeadersStartANewTraceEachTime() {
    CorrelationIds first = read();
    CorrelationIds second = read();
    assertThat(first.traceId()).isNotEqualTo(second.traceId());
    assertThat(first.requestId()).isNotEqualTo(second.requestId());
    assertThat(first.parentSpan()).isEmpty();
  }

  @Test
  void aCallGetsANewChildSpanEachTimeAndAResponseNamesThisSpan() {
    CorrelationIds ids = read("traceparent", "00-" + TRACE + "-" + CALLER_SPAN + "-01", "X-Request-ID", "req-7");
    Map<String, String> call1 = CorrelationHeaders.forCall(ids);
    Map<String, String> call2 = CorrelationHeaders.forCall(ids);
    TraceParent sent1 = TraceParent.parse(call1.get("traceparent")).orElseThrow();
    TraceParent sent2 = TraceParent.parse(call2.get("traceparent")).orElseThrow();
    assertThat(sent1.traceId()).isEqualTo(TRACE);
    assertThat(sent1.parentId()).isNotIn(ids.spanId(), CALLER_SPAN, sent2.parentId());
    assertThat(call1).containsEntry("X-Trace-ID", TRACE).containsEntry("X-Request-ID", "req-7");
    assertThat(CorrelationHeaders.forResponse(ids)).containsEntry("traceparent", "00-" + TRACE + "-" + ids.spanId()
        + "-01").containsEntry("X-Trace-ID", TRACE).containsEntry("X-Request-ID", "req-7");
  }
}
