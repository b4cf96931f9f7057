package dev.corral.ship.status;

import dev.corral.ship.SourceStatus;
import dev.corral.ship.deliver.DeliveryStats;
import dev.corral.ship.spool.Spool;
import java.util.List;

/**
 * What {@code GET /status} answers (snake_case JSON) and {@code corral ship status} prints.
 *
 * @param output    where batches go
 * @param sources   every source of every input
 * @param queue     records read but not yet in a batch
 * @param delivery  what the server took, rejected or refused
 * @param spool     the disk spool now and its drops
 * @param lastError the most recent failure, or null
 */
public record StatusReport(Output output, List<Source> sources, int queue, Delivery delivery, SpoolState spool,
    LastError lastError) {
  public StatusReport {
    sources = List.copyOf(sources);
  }

  /** The output: its URL and format. */
  public record Output(String url, String format) {
  }

  /** One source: {@link SourceStatus} with its input's name and the lag in bytes. */
  public record Source(String input, String id, long read, long acknowledged, long size, long lagBytes,
      boolean open) {
    static Source of(String input, SourceStatus status) {
      return new Source(input, status.id(), status.read(), status.acknowledged(), status.size(), status.lagBytes(),
          status.open());
    }
  }

  /** Counters of the delivery since start; {@code dropped*} are events the server refused whole (not resent). */
  public record Delivery(long sentEvents, long sentBatches, long rejectedEvents, long droppedEvents,
      long droppedBatches, long retries, long spooledEvents, long spooledBatches) {
    static Delivery of(DeliveryStats stats) {
      return new Delivery(stats.sentEvents(), stats.sentBatches(), stats.rejectedEvents(), stats.droppedEvents(),
          stats.droppedBatches(), stats.retries(), stats.spooledEvents(), stats.spooledBatches());
    }
  }

  /** The spool now, and what its bounds dropped since start. */
  public record SpoolState(long bytes, int batches, long events, long droppedBatches, long droppedEvents,
      long damagedFiles) {
    static SpoolState of(Spool spool) {
      return new SpoolState(spool.bytes(), spool.batches(), spool.events(), spool.droppedBatches(),
          spool.droppedEvents(), spool.damagedFiles());
    }
  }

  /** The most recent failure. */
  public record LastError(String at, String message) {
  }

  /** Builds the report from the live parts. */
  public static StatusReport of(Output output, List<Source> sources, int queue, DeliveryStats stats, Spool spool) {
    DeliveryStats.LastError last = stats.lastError();
    return new StatusReport(output, sources, queue, Delivery.of(stats), SpoolState.of(spool),
        last == null ? null : new LastError(last.at().toString(), last.message()));
  }

  /** The sources of one input. */
  public static List<Source> sourcesOf(String input, List<SourceStatus> statuses) {
    return statuses.stream().map(status -> Source.of(input, status)).toList();
  }
}
