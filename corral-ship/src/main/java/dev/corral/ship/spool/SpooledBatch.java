package dev.corral.ship.spool;

import java.nio.file.Path;
import java.util.List;

/**
 * One batch read back from the spool, to send; {@link Spool#remove} it once delivered.
 *
 * @param file     its spool file
 * @param pipeline the server pipeline its events run, or null
 * @param events   its events
 */
public record SpooledBatch(Path file, String pipeline, List<String> events) {
  public SpooledBatch {
    events = List.copyOf(events);
  }
}
