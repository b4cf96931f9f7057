package dev.corral.server;

import dev.corral.demo.FleetSimulator;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The demo shop fleet's logs (corral-demo's deterministic {@link FleetSimulator}) ingested into a
 * test server: a dozen services in several log shapes, traces across services, errors and
 * latencies — realistic data for the UI's endpoints.
 */
public final class DemoData {
  private static final int LINES_PER_REQUEST = 1000;

  private DemoData() {}

  /**
   * Ingests what the fleet logs from {@code span} ago until now at {@code eventsPerSecond}, waits
   * until all of it is searchable and returns how many events that is.
   */
  public static long ingestRecent(TestServer server, Duration span, double eventsPerSecond) throws InterruptedException {
    Instant now = Instant.now();
    FleetSimulator fleet = new FleetSimulator(42, now.minus(span), eventsPerSecond);
    List<byte[]> lines = fleet.advanceBy(span);
    for (int from = 0; from < lines.size(); from += LINES_PER_REQUEST) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      for (byte[] line : lines.subList(from, Math.min(lines.size(), from + LINES_PER_REQUEST))) {
        body.writeBytes(line);
        body.write('\n');
      }
      TestServer.Reply reply = server.post("/api/v1/ingest", body.toByteArray(), "Content-Type", "application/x-ndjson");
      if (reply.status() != 200 || reply.json().path("rejected").asInt() != 0) {
        throw new AssertionError("demo events refused: " + reply.status() + " " + reply.body());
      }
    }
    server.awaitTotal("", lines.size());
    return lines.size();
  }
}
