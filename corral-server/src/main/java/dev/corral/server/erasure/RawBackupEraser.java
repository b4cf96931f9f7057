package dev.corral.server.erasure;

import dev.corral.query.ast.Query;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Where an erasure reaches the continuous raw backup ({@code <prefix>/raw/YYYY/MM/DD/HH/*.ndjson.zst},
 * docs/operations.md "Erasure"): the backup rewrites the day's objects without the events {@code
 * filter} matches. Called once per day of an erasure, after the store and the archive; must be
 * idempotent (a resumed erasure calls it again for the day a crash cut short). {@link #NONE} when no
 * raw backup is configured or wired: the erasure then reports {@code raw_backup: "not configured"}.
 */
public interface RawBackupEraser {
  /** No raw backup: nothing to rewrite. */
  RawBackupEraser NONE = new RawBackupEraser() {
    @Override
    public boolean configured() {
      return false;
    }

    @Override
    public long erase(LocalDate day, Query filter, Instant now) {
      return 0;
    }
  };

  /** Whether a raw backup exists to erase from. */
  boolean configured();

  /**
   * Rewrites the raw backup's objects of {@code day} without the events {@code filter} matches
   * (resolved against {@code now}); returns how many it removed.
   *
   * @throws IOException when the backup's store cannot be reached; the erasure of the day is then retried
   */
  long erase(LocalDate day, Query filter, Instant now) throws IOException;
}
