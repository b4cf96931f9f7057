package dev.corral.demo;

/**
 * A snapshot of what a {@link DemoFleet} has done so far.
 *
 * @param eventsGenerated lines the simulator produced
 * @param eventsAccepted events the server acknowledged as durable
 * @param eventsRejected events the server refused (bad line, or a batch refused with a 4xx)
 * @param eventsDropped events thrown away unsent: oldest batches dropped while the server was
 *     unreachable and the queue was full, or still pending when {@link DemoFleet#close()} gave up
 * @param batchesSent batches the server answered with 200
 * @param retries attempts repeated after a 429, 5xx, 507 or a connection failure
 * @param lastError the most recent failure, or {@code null} when there was none
 */
public record FleetStats(long eventsGenerated, long eventsAccepted, long eventsRejected, long eventsDropped,
    long batchesSent, long retries, String lastError) {

  /** Events generated but neither acknowledged, rejected nor dropped yet. */
  public long eventsInFlight() {
    return eventsGenerated - eventsAccepted - eventsRejected - eventsDropped;
  }
}
