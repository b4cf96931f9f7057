package dev.corral.dist;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A command's stdout read by {@code head -n}: it keeps the first {@code n} lines, then fails every
 * write as a closed pipe does (the JVM ignores SIGPIPE, so a write to a closed pipe is an
 * IOException). Thread-safe.
 */
final class HeadPipe extends OutputStream {
  private final int limit;
  private final List<String> lines = new ArrayList<>();
  private final ByteArrayOutputStream current = new ByteArrayOutputStream();

  HeadPipe(int limit) {
    this.limit = limit;
  }

  /** A print stream over this pipe, as System.out would be. */
  PrintStream printStream() {
    return new PrintStream(this, true, StandardCharsets.UTF_8);
  }

  @Override
  public synchronized void write(int b) throws IOException {
    if (lines.size() >= limit) {
      throw new IOException("Broken pipe");
    }
    if (b == '\n') {
      lines.add(current.toString(StandardCharsets.UTF_8));
      current.reset();
      notifyAll();
    } else {
      current.write(b);
    }
  }

  /** The lines read so far. */
  synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  /** Waits until {@code count} lines were read; fails the test after {@code timeout}. */
  synchronized List<String> await(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (lines.size() < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("only " + lines.size() + " of " + count + " lines within " + timeout + ": " + lines);
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return List.copyOf(lines);
  }
}
