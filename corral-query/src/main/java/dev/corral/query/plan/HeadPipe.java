package dev.corral.query.plan;

/** {@code | head N}: the first N events or rows. */
public record HeadPipe(int count) implements Pipe {
  public HeadPipe {
    if (count < 0) {
      throw new IllegalArgumentException("head needs a count >= 0, got " + count);
    }
  }
}
