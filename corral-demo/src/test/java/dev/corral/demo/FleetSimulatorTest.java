package dev.corral.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FleetSimulatorTest {
  private static final Instant START = Instant.parse("2026-11-21T17:00:00Z");

  private static List<byte[]> firstLines(long seed, int n) {
    FleetSimulator simulator = new FleetSimulator(seed, START);
    List<byte[]> lines = new ArrayList<>();
    while (lines.size() < n) {
      lines.addAll(simulator.advanceBy(Duration.ofMillis(250)));
    }
    return lines.subList(0, n);
  }

  private static List<ParsedLine> parse(List<byte[]> lines) {
    return lines.stream().map(ParsedLine::parse).toList();
  }

  @Test
  void sameSeedAndStartGiveIdenticalBytes() {
    List<byte[]> a = firstLines(42, 3_000);
    List<byte[]> b = firstLines(42, 3_000);
    for (int i = 0; i < a.size(); i++) {
      assertThat(b.get(i)).as("line %d", i).isEqualTo(a.get(i));
    }
  }

  @Test
  void differentSeedsGiveDifferentFleets() {
    List<byte[]> a = firstLines(1, 200);
    List<byte[]> b = firstLines(2, 200);
    long same = 0;
    for (int i = 0; i < a.size(); i++) {
      if (java.util.Arrays.equals(a.get(i), b.get(i))) {
        same++;
      }
    }
    assertThat(same).isZero();
  }

  @Test
  void stepSizeDoesNotChangeTheOutput() {
    FleetSimulator fine = new FleetSimulator(7, START);
    FleetSimulator coarse = new FleetSimulator(7, START);
    List<byte[]> a = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      a.addAll(fine.advanceBy(Duration.ofMillis(50)));
    }
    List<byte[]> b = coarse.advanceBy(Duration.ofSeconds(5));
    assertThat(b).hasSameSizeAs(a);
    for (int i = 0; i < a.size(); i++) {
      assertThat(b.get(i)).isEqualTo(a.get(i));
    }
  }

  @Test
  void everyLineIsAJsonObjectAndEveryShapeAppears() {
    List<ParsedLine> lines = parse(firstLines(3, 4_000));
    Set<LogShape> shapes = EnumSet.noneOf(LogShape.class);
    Set<String> logtypes = new HashSet<>();
    Set<String> services = new HashSet<>();
    for (ParsedLine line : lines) {
      shapes.add(line.shape());
      services.add(line.service());
      assertThat(line.service()).isNotBlank();
      assertThat(line.traceId()).matches("[0-9a-f]{32}");
      assertThat(line.message()).isNotBlank();
      assertThat(line.canonicalLevel()).isIn("DEBUG", "INFO", "WARN", "ERROR");
      logtypes.add(logtypeOf(line));
    }
    assertThat(shapes).containsExactlyInAnyOrder(LogShape.values());
    assertThat(logtypes).containsExactlyInAnyOrder("access", "external", "background", "custom");
    assertThat(services).hasSizeGreaterThanOrEqualTo(22);
  }

  @Test
  void requestsFanOutOverTwoToSixServicesSharingTraceAndRequestId() {
    List<ParsedLine> lines = parse(firstLines(11, 5_000));
    Map<String, Set<String>> servicesByRequest = new HashMap<>();
    Map<String, Set<String>> tracesByRequest = new HashMap<>();
    for (ParsedLine line : lines) {
      if (line.requestId() == null) {
        assertThat(logtypeOf(line)).isEqualTo("background");
        continue;
      }
      assertThat(line.requestId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
      servicesByRequest.computeIfAbsent(line.requestId(), k -> new HashSet<>()).add(line.service());
      tracesByRequest.computeIfAbsent(line.requestId(), k -> new HashSet<>()).add(line.traceId());
    }
    assertThat(servicesByRequest).hasSizeGreaterThan(300);
    // Requests cut off at the end of the window may be incomplete; look at the complete ones.
    List<Set<String>> fanOuts = servicesByRequest.values().stream().filter(s -> s.contains("api-gateway")).toList();
    assertThat(fanOuts).allSatisfy(s -> assertThat(s.size()).isBetween(2, 6));
    assertThat(fanOuts.stream().mapToInt(Set::size).max().orElseThrow()).isGreaterThanOrEqualTo(5);
    assertThat(tracesByRequest.values()).allSatisfy(traces -> assertThat(traces).hasSize(1));
    Set<String> traces = tracesByRequest.values().stream().map(s -> s.iterator().next()).collect(Collectors.toSet());
    assertThat(traces).hasSameSizeAs(tracesByRequest.keySet());
  }

  @Test
  void aPaymentOutageShowsErrorsWithinTwentySecondsAndCascadesUpstream() {
    FleetSimulator simulator = new FleetSimulator(99, START);
    List<ParsedLine> lines = parse(simulator.advanceBy(Duration.ofSeconds(20)));
    List<ParsedLine> paymentErrors = lines.stream()
        .filter(l -> l.service().equals("payment-gateway") && l.canonicalLevel().equals("ERROR"))
        .toList();
    assertThat(paymentErrors).hasSizeGreaterThan(5);
    assertThat(paymentErrors.stream().anyMatch(l -> l.message().contains("card processor timeout")))
        .as("a card processor timeout").isTrue();
    assertThat(paymentErrors.stream().anyMatch(l -> l.message().startsWith("card declined"))).as("a decline").isTrue();
    assertThat(paymentErrors.stream().anyMatch(l -> l.json().path("exception").path("traceback").asText()
        .contains("Caused by: java.net.SocketTimeoutException: Read timed out\n\tat "))).as("a stack trace").isTrue();
    Set<String> failedRequests = paymentErrors.stream().map(ParsedLine::requestId).collect(Collectors.toSet());
    assertThat(lines.stream().anyMatch(l -> l.service().equals("order-service")
        && l.canonicalLevel().equals("ERROR")
        && failedRequests.contains(l.requestId())
        && l.json().path("stack_trace").asText().contains("PaymentFailedException")))
        .as("order-service errors for the same requests").isTrue();
    assertThat(lines.stream().anyMatch(l -> l.service().equals("api-gateway")
        && l.json().path("status_code").asInt() == 502
        && failedRequests.contains(l.requestId())))
        .as("api-gateway 502s for the same requests").isTrue();
  }

  @Test
  void outsideIncidentsErrorsAreRareButPresent() {
    FleetSimulator simulator = new FleetSimulator(5, START);
    simulator.advanceTo(START.plusSeconds(100), line -> { });
    List<ParsedLine> lines = parse(simulator.advanceBy(Duration.ofSeconds(40)));
    long errors = lines.stream().filter(l -> l.canonicalLevel().equals("ERROR")).count();
    assertThat(errors).isPositive();
    assertThat((double) errors / lines.size()).isLessThan(0.02);
  }

  @Test
  void pythonAndJavaServicesLogTheirOwnStackTraces() {
    FleetSimulator simulator = new FleetSimulator(13, START);
    List<ParsedLine> lines = parse(simulator.advanceBy(Duration.ofSeconds(30)));
    assertThat(lines.stream().anyMatch(l -> l.json().path("exc_info").asText()
        .startsWith("Traceback (most recent call last):\n"))).as("a Python traceback").isTrue();
    assertThat(lines.stream().anyMatch(l -> l.json().path("stack_trace").asText().contains("\n\tat ")))
        .as("a Java stack trace").isTrue();
  }

  @Test
  void aSlowDatabaseRaisesLatencyForAFewMinutes() {
    FleetSimulator simulator = new FleetSimulator(21, START, 300);
    List<ParsedLine> before = parse(simulator.advanceBy(Duration.ofSeconds(IncidentSchedule.FIRST_SLOW_DB_S)));
    List<ParsedLine> during = parse(simulator.advanceBy(Duration.ofSeconds(100)));
    assertThat(p95DatabaseTime(during)).isGreaterThan(10 * p95DatabaseTime(before));
    assertThat(during.stream().anyMatch(l -> l.message().startsWith("slow query took"))).as("a slow query").isTrue();
  }

  @Test
  void theTimeBeforeTheIncidentsStartIsCalmAndTheIncidentsThenComeAsScheduled() {
    Instant live = START.plus(Duration.ofMinutes(5));
    FleetSimulator simulator = new FleetSimulator(99, START, 300, live);
    long[] calmTimeouts = {0};
    simulator.advanceTo(live, line -> calmTimeouts[0] += timeouts(line));
    long[] outageTimeouts = {0};
    simulator.advanceBy(Duration.ofSeconds(60)).forEach(line -> outageTimeouts[0] += timeouts(line));
    assertThat(outageTimeouts[0]).as("the first outage starts 3 s after the incidents start").isGreaterThan(20);
    assertThat(calmTimeouts[0] / 300.0).as("card processor timeouts per second: only the rare random ones before"
        + " the incidents start (" + calmTimeouts[0] + " in 5 min, " + outageTimeouts[0] + " in the first minute after)")
        .isLessThan(outageTimeouts[0] / 60.0 / 10);
    FleetSimulator slow = new FleetSimulator(21, START, 300, live);
    slow.advanceTo(live.minusSeconds(100), line -> { });
    List<ParsedLine> calm = parse(slow.advanceBy(Duration.ofSeconds(100)));
    slow.advanceTo(live.plusSeconds(IncidentSchedule.FIRST_SLOW_DB_S), line -> { });
    List<ParsedLine> during = parse(slow.advanceBy(Duration.ofSeconds(100)));
    assertThat(p95DatabaseTime(during)).as("the database slows down only once the incidents start")
        .isGreaterThan(10 * p95DatabaseTime(calm));
  }

  private static int timeouts(byte[] line) {
    return new String(line, java.nio.charset.StandardCharsets.UTF_8).contains("card processor timeout") ? 1 : 0;
  }

  private static double p95DatabaseTime(List<ParsedLine> lines) {
    double[] times = lines.stream()
        .filter(l -> "postgresql".equals(l.json().path("external_protocol").asText(null)))
        .mapToDouble(l -> l.json().path("external_time_taken").asDouble())
        .sorted().toArray();
    assertThat(times).isNotEmpty();
    return times[(int) (times.length * 0.95)];
  }

  @Test
  void pacingGivesTheConfiguredEventsPerSimulatedSecond() {
    for (double rate : new double[] {20, 500, 5_000}) {
      FleetSimulator simulator = new FleetSimulator(8, START, rate);
      simulator.advanceTo(START.plusSeconds(5), line -> { });
      int count = simulator.advanceTo(START.plusSeconds(15), line -> { });
      assertThat((double) count / 10).as("rate %s", rate).isCloseTo(rate, org.assertj.core.data.Percentage.withPercentage(10));
    }
  }

  @Test
  void linesComeOutInTimestampOrderAndNeverAfterTheSimulatedNow() {
    FleetSimulator simulator = new FleetSimulator(4, START);
    List<ParsedLine> lines = parse(simulator.advanceBy(Duration.ofSeconds(3)));
    Instant previous = START;
    for (ParsedLine line : lines) {
      if (line.shape() == LogShape.UNIFIED) {
        Instant t = Instant.parse(line.json().path("timestamp").asText());
        assertThat(t).isAfterOrEqualTo(previous).isBeforeOrEqualTo(START.plusSeconds(3));
        previous = t;
      }
    }
    assertThat(simulator.now()).isEqualTo(START.plusSeconds(3));
  }

  private static String logtypeOf(ParsedLine line) {
    return switch (line.shape()) {
      case KEY_STYLE -> line.json().path("LogType").asText();
      default -> line.json().path("logtype").asText();
    };
  }
}
