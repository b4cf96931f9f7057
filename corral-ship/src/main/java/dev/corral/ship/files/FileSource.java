package dev.corral.ship.files;

import dev.corral.ship.Source;

/**
 * One generation of one file as a {@link Source}: a file gets a new generation when it is truncated (its offsets
 * start again at 0, and the contract wants them non-decreasing per source). An acknowledgement reaching an old
 * generation is ignored: the file was reset after it.
 */
final class FileSource implements Source {
  private final TrackedFile file;
  private final String id;
  private final int generation;
  private volatile long acknowledged;

  FileSource(TrackedFile file, int generation, long start) {
    this.file = file;
    this.id = file.path().toString();
    this.generation = generation;
    this.acknowledged = start;
  }

  /** The path the file had when this generation began: stable, though the file may be renamed since. */
  @Override
  public String id() {
    return id;
  }

  @Override
  public void acknowledged(long offset) {
    if (offset <= acknowledged) {
      return;
    }
    acknowledged = offset;
    file.acknowledged(generation, offset);
  }

  @Override
  public void persist() {
    file.persistAcknowledged();
  }

  long acknowledgedOffset() {
    return acknowledged;
  }

  @Override
  public String toString() {
    return id() + "#" + generation;
  }
}
