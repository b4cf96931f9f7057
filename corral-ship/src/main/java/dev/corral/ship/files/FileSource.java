package dev.corral.ship.files;

import dev.corral.ship.Source;

/**
 * One generation of one file as a {@link Source}: a file gets a new generation when it is truncated (its offsets
 * start again at 0, and the contract wants them non-decreasing per source). An acknowledgement reaching an old
 * generation is ignored: the file was reset after it.
 */
final class FileSource implements Source {
  private final TrackedFile file;
  private final int generation;
  private volatile long acknowledged;

  FileSource(TrackedFile file, int generation, long start) {
    this.file = file;
    this.generation = generation;
    this.acknowledged = start;
  }

  @Override
  public String id() {
    return file.path().toString();
  }

  @Override
  public void acknowledged(long offset) {
    if (offset <= acknowledged) {
      return;
    }
    acknowledged = offset;
    file.acknowledged(generation, offset);
  }

  long acknowledgedOffset() {
    return acknowledged;
  }

  @Override
  public String toString() {
    return id() + "#" + generation;
  }
}
