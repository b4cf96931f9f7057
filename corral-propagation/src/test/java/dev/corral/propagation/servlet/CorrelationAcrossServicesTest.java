package dev.corral.propagation.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.propagation.TraceParent;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One request through two services in a real Jetty: service A, behind {@link CorrelationFilter}, logs and
 * calls service B through the correlating HttpClient; both services' log events (Logback's and Log4j's) carry
 * the same trace_id and request_id, the response echoes them, bad incoming ids are replaced, and no id
 * outlives its request on the container's reused threads.
 */
class CorrelationAcrossServicesTest {
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CALLER_SPAN = "00f067aa0ba902b7";
  private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
  private static TwoServices services;
  private final HttpClient plain = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    services = new TwoServices();
  }

  @AfterAll
  static void stop() throws Exception {
    services.close();
  }

  @BeforeEach
  void forgetEarlierEvents() {
    services.clearEvents();
  }

  /** The ids one request's log events carried, per library, as "message -> trace/span/request". */
  private record Logged(String message, String traceId, String spanId, String requestId) {}

  private static List<Logged> logbackLogged() {
    return services.logbackEvents().stream().map(e -> new Logged(e.getFormattedMessage(),
        e.getMDCPropertyMap().get("trace_id"), e.getMDCPropertyMap().get("span_id"),
        e.getMDCPropertyMap().get("request_id"))).toList();
  }

  private static List<Logged> log4jLogged() {
    return TwoServices.log4jEvents().stream().map(line -> line.split("\\|", -1))
        .map(f -> new Logged(f[0], f[1], f[2], f[3])).toList();
  }

  /**
   * Checks that A's two events and B's event, in both libraries, carry {@code traceId} and {@code requestId};
   * A's span is {@code spanOfA}, B's is another. Answers B's span.
   */
  private static String assertBothServicesLogged(String traceId, String requestId, String spanOfA) {
    String spanOfB = null;
    List<Logged> fromLogback = logbackLogged();
    List<Logged> fromLog4j = log4jLogged();
    for (List<Logged> logged : List.of(fromLogback, fromLog4j)) {
      assertThat(logged).as("Logback %s, Log4j %s", fromLogback, fromLog4j).extracting(Logged::message)
          .containsExactly("a received the order", "b charged the card", "a got 200 from b");
      assertThat(logged).allSatisfy(event -> {
        assertThat(event.traceId()).as(event.message()).isEqualTo(traceId);
        assertThat(event.requestId()).as(event.message()).isEqualTo(requestId);
      });
      assertThat(logged.get(0).spanId()).isEqualTo(spanOfA).isEqualTo(logged.get(2).spanId());
      assertThat(logged.get(1).spanId()).matches("[0-9a-f]{16}").isNotEqualTo(spanOfA);
      spanOfB = logged.get(1).spanId();
    }
    return spanOfB;
  }

  @Test
  void withoutIncomingIdsServiceAStartsATraceThatServiceBContinues() throws Exception {
    HttpResponse<String> reply = plain.send(HttpRequest.newBuilder(services.uri("/a")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(reply.statusCode()).isEqualTo(200);
    TraceParent echoed = TraceParent.parse(reply.headers().firstValue("traceparent").orElseThrow()).orElseThrow();
    String requestId = reply.headers().firstValue("X-Request-ID").orElseThrow();
    assertThat(requestId).matches(UUID);
    assertThat(reply.headers().firstValue("X-Trace-ID")).hasValue(echoed.traceId());
    assertThat(echoed.flags()).isEqualTo(TraceParent.SAMPLED);
    String spanOfB = assertBothServicesLogged(echoed.traceId(), requestId, echoed.parentId());

    String[] receivedByB = reply.body().split(" ");
    TraceParent call = TraceParent.parse(receivedByB[0]).orElseThrow();
    assertThat(call.traceId()).isEqualTo(echoed.traceId());
    assertThat(call.parentId()).as("the call's own span, a child of A's").isNotIn(echoed.parentId(), spanOfB);
    assertThat(receivedByB[1]).isEqualTo(requestId);
  }

  @Test
  void incomingIdsAreKeptThroughBothServices() throws Exception {
    HttpResponse<String> reply = plain.send(HttpRequest.newBuilder(services.uri("/a"))
        .header("traceparent", "00-" + TRACE + "-" + CALLER_SPAN + "-00")
        .header("X-Request-ID", "checkout-7f3a").build(), HttpResponse.BodyHandlers.ofString());

    TraceParent echoed = TraceParent.parse(reply.headers().firstValue("traceparent").orElseThrow()).orElseThrow();
    assertThat(echoed.traceId()).isEqualTo(TRACE);
    assertThat(echoed.parentId()).as("A's own span, not its caller's").isNotEqualTo(CALLER_SPAN);
    assertThat(echoed.flags()).as("flags carried unchanged").isZero();
    assertThat(reply.headers().firstValue("X-Request-ID")).hasValue("checkout-7f3a");
    assertThat(reply.headers().firstValue("X-Trace-ID")).hasValue(TRACE);
    assertBothServicesLogged(TRACE, "checkout-7f3a", echoed.parentId());
    assertThat(TraceParent.parse(reply.body().split(" ")[0])).hasValueSatisfying(call -> {
      assertThat(call.traceId()).isEqualTo(TRACE);
      assertThat(call.flags()).isZero();
    });
  }

  @Test
  void theSeedsXTraceIdIsContinued() throws Exception {
    RawHttp.Reply reply = RawHttp.get(services.port(), "/a",
        Map.of("X-Trace-ID", "4BF92F35-77B3-4DA6-A3CE-929D0E0E4736", "X-Request-ID", "seed-000"));
    assertThat(reply.header("X-Trace-ID")).isEqualTo(TRACE);
    assertBothServicesLogged(TRACE, "seed-000",
        TraceParent.parse(reply.header("traceparent")).orElseThrow().parentId());
  }

  @Test
  void badIncomingIdsAreReplacedByFreshOnes() throws Exception {
    Map<String, Map<String, String>> cases = new LinkedHashMap<>();
    cases.put("malformed traceparent", Map.of("traceparent", "00-" + TRACE + "-not-a-span-01"));
    cases.put("uppercase traceparent", Map.of("traceparent", ("00-" + TRACE + "-" + CALLER_SPAN + "-01").toUpperCase()));
    cases.put("all-zero trace id", Map.of("traceparent", "00-" + "0".repeat(32) + "-" + CALLER_SPAN + "-01"));
    cases.put("all-zero parent id", Map.of("traceparent", "00-" + TRACE + "-" + "0".repeat(16) + "-01"));
    cases.put("all-zero X-Trace-ID", Map.of("X-Trace-ID", "00000000-0000-0000-0000-000000000000"));
    cases.put("10 KB X-Request-ID", Map.of("X-Request-ID", "r".repeat(10 * 1024)));
    // the only control character Jetty lets through in a header value (it answers 400 to the others itself)
    cases.put("tab in X-Request-ID", Map.of("X-Request-ID", "abc\tdef"));
    cases.put("non-ASCII X-Request-ID", Map.of("X-Request-ID", "caf\u00e9"));
    cases.put("space in X-Request-ID", Map.of("X-Request-ID", "two words"));
    for (Map.Entry<String, Map<String, String>> bad : cases.entrySet()) {
      services.clearEvents();
      RawHttp.Reply reply = RawHttp.get(services.port(), "/a", bad.getValue());

      assertThat(reply.status()).as(bad.getKey()).isEqualTo(200);
      TraceParent echoed = TraceParent.parse(reply.header("traceparent")).orElseThrow();
      assertThat(echoed.traceId()).as(bad.getKey()).isNotEqualTo(TRACE);
      assertThat(reply.header("X-Request-ID")).as(bad.getKey()).matches(UUID);
      assertBothServicesLogged(echoed.traceId(), reply.header("X-Request-ID"), echoed.parentId());
    }
  }

  @Test
  void noIdOutlivesItsRequestOnTheContainersReusedThreads() throws Exception {
    int requests = 2 * TwoServices.MAX_THREADS;
    for (int i = 0; i < requests; i++) {
      services.clearEvents();
      String traceId = String.format("%032x", 0xabc000L + i);
      HttpRequest.Builder request = HttpRequest.newBuilder(services.uri("/a"));
      if (i % 2 == 0) {
        request.header("traceparent", "00-" + traceId + "-" + CALLER_SPAN + "-01").header("X-Request-ID", "reuse-" + i);
      }
      HttpResponse<String> reply = plain.send(request.build(), HttpResponse.BodyHandlers.ofString());
      TraceParent echoed = TraceParent.parse(reply.headers().firstValue("traceparent").orElseThrow()).orElseThrow();
      if (i % 2 == 0) {
        assertThat(echoed.traceId()).isEqualTo(traceId);
      }
      assertBothServicesLogged(echoed.traceId(), reply.headers().firstValue("X-Request-ID").orElseThrow(),
          echoed.parentId());
    }

    List<TwoServices.Probe> probes = services.probes();
    assertThat(probes).hasSizeGreaterThanOrEqualTo(2 * requests);
    Map<String, Long> requestsPerThread = probes.stream()
        .collect(Collectors.groupingBy(TwoServices.Probe::thread, Collectors.counting()));
    assertThat(requestsPerThread.values()).as("some thread served several requests").anyMatch(n -> n > 1);
    assertThat(probes).allSatisfy(probe -> {
      for (String seen : List.of(probe.mdcBefore(), probe.log4jBefore(), probe.mdcAfter(), probe.log4jAfter())) {
        assertThat(seen).as(probe.toString()).doesNotContain("trace_id", "span_id", "request_id");
      }
    });
  }

  @Test
  void errorResponsesEchoTheIdsToo() throws Exception {
    for (String how : List.of("throw", "send-error")) {
      services.clearEvents();
      HttpResponse<String> reply = plain.send(HttpRequest.newBuilder(services.uri("/fail?how=" + how))
          .header("X-Request-ID", "failing-" + how).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(reply.statusCode()).as(how).isIn(500, 503);
      assertThat(reply.headers().firstValue("X-Request-ID")).as(how).hasValue("failing-" + how);
      String traceId = reply.headers().firstValue("X-Trace-ID").orElseThrow();
      for (List<Logged> logged : List.of(logbackLogged(), log4jLogged())) {
        assertThat(logged).singleElement().satisfies(event -> {
          assertThat(event.message()).isEqualTo("failing: " + how);
          assertThat(event.traceId()).isEqualTo(traceId);
          assertThat(event.requestId()).isEqualTo("failing-" + how);
        });
      }
    }
  }

  @Test
  void anAsyncRequestKeepsItsIdsInWrappedWorkAndOnItsAsyncDispatch() throws Exception {
    HttpResponse<String> reply = plain.send(HttpRequest.newBuilder(services.uri("/async"))
        .header("traceparent", "00-" + TRACE + "-" + CALLER_SPAN + "-01").build(), HttpResponse.BodyHandlers.ofString());

    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(reply.body()).isEqualTo("{trace_id=" + TRACE + "}");
    String span = TraceParent.parse(reply.headers().firstValue("traceparent").orElseThrow()).orElseThrow().parentId();
    for (List<Logged> logged : List.of(logbackLogged(), log4jLogged())) {
      assertThat(logged).extracting(Logged::message)
          .containsExactly("async work on another thread", "async dispatch answers");
      assertThat(logged).extracting(Logged::traceId).containsOnly(TRACE);
      assertThat(logged).extracting(Logged::spanId).containsOnly(span);
    }
  }
}
