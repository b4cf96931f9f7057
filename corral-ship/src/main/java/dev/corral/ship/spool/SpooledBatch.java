package dev.corral.ship.spool;

import java.nio.file.Path;
import java.util.List;

/**
 * One batch read back from the spool, to send; {@link Spool#remove} it once delivered.
 *
 * @param file   its spool file
 * @param events its events
 */
public record SpooledBatch(Path file, List<String> events) {
  public SpooledBatch {
    events = List.copyOf(events);
  }
}
