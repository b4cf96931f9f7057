package dev.corral.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceTimelineTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void drawsOneLanePerServiceWithErrorsMarked() throws Exception {
    var trace = JSON.readTree("""
        {"id":"t1","errors":1,"first":"2026-11-21T10:00:00Z","last":"2026-11-21T10:00:00.100Z","truncated":false,
         "services":[
           {"service":"api-gateway","first":"2026-11-21T10:00:00Z","last":"2026-11-21T10:00:00.100Z","events":2,"errors":0},
           {"service":"payment-gateway","first":"2026-11-21T10:00:00.050Z","last":"2026-11-21T10:00:00.050Z","events":1,"errors":1}],
         "events":[
           {"timestamp":"2026-11-21T10:00:00Z","level":"INFO","service":"api-gateway","message":"GET /checkout"},
           {"timestamp":"2026-11-21T10:00:00.050Z","level":"ERROR","service":"payment-gateway","message":"card declined"},
           {"timestamp":"2026-11-21T10:00:00.100Z","level":"INFO","service":"api-gateway","message":"502"}]}""");
    List<String> lines = new TraceTimeline(false).format(trace);
    assertThat(lines.get(0)).startsWith("Trace t1: 2 services, 3 events, 1 errors, 100.0 ms");
    String gatewayLane = lines.get(3);
    assertThat(gatewayLane).startsWith("api-gateway").contains("·" + "─".repeat(TraceTimeline.AXIS - 2) + "·")
        .endsWith("2 events");
    String paymentLane = lines.get(4);
    assertThat(paymentLane).startsWith("payment-gateway").contains("x").endsWith("1 events, 1 errors");
    assertThat(paymentLane.indexOf('x')).isEqualTo(19 + TraceTimeline.AXIS / 2);
    assertThat(lines.get(lines.size() - 1)).contains("+100.0 ms").contains("502");
  }

  @Test
  void emptyTraceSaysSo() throws Exception {
    assertThat(new TraceTimeline(false).format(JSON.readTree("{\"id\":\"nope\",\"events\":[],\"services\":[]}")))
        .containsExactly("No events with trace_id or request_id nope.");
  }
}
