package dev.corral.client;

import java.util.Map;

/**
 * What a {@link CorralClient} did with the events it was given, a moment's view. Every event logged is counted
 * once in {@code delivered}, {@code rejected}, {@code dropped}, {@code spilled}, {@code queued} or
 * {@code inFlight}, except that events read back from the spill directory count again when they are delivered
 * or rejected; so at any moment {@code logged + unspilled = delivered + rejected + dropped + spilled + queued +
 * inFlight}, and after {@link CorralClient#close()} {@code queued} and {@code inFlight} are 0.
 *
 * @param logged events handed to the client
 * @param delivered events Corral acknowledged (stored)
 * @param rejected events Corral refused (a malformed event, a wrong key: retrying cannot help)
 * @param dropped events dropped: the queue was full, or the shutdown time limit passed before they were sent
 * @param droppedByLevel {@code dropped} by level (TRACE, DEBUG, INFO, WARN, ERROR, FATAL, OTHER), zeros left out
 * @param spilled events written to the spill directory
 * @param unspilled events read back from the spill directory and sent
 * @param queued events waiting in the queue
 * @param inFlight events in the batch the sender is holding (sending or waiting to retry)
 * @param reports drop reports (WARN events) delivered
 */
public record ClientStats(long logged, long delivered, long rejected, long dropped, Map<String, Long> droppedByLevel,
    long spilled, long unspilled, long queued, long inFlight, long reports) {
  public ClientStats {
    droppedByLevel = Map.copyOf(droppedByLevel);
  }
}
