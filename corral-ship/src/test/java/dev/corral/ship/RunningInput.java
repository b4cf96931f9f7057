package dev.corral.ship;

import java.util.concurrent.atomic.AtomicReference;

/** An input running on a thread of its own, as the shipper runs it; closing stops it and rethrows what it threw. */
public final class RunningInput implements AutoCloseable {
  private final Input input;
  private final Thread thread;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  private RunningInput(Input input, RecordSink sink, boolean platform) {
    this.input = input;
    Runnable body = () -> {
      try {
        input.run(sink);
      } catch (Throwable e) {
        failure.set(e);
      }
    };
    this.thread = platform ? Thread.ofPlatform().name("test-input").start(body) : Thread.ofVirtual().start(body);
  }

  public static RunningInput start(Input input, RecordSink sink) {
    return new RunningInput(input, sink, false);
  }

  /** On a platform thread, whose CPU time can be measured. */
  public static RunningInput startOnPlatformThread(Input input, RecordSink sink) {
    return new RunningInput(input, sink, true);
  }

  public Thread thread() {
    return thread;
  }

  public Input input() {
    return input;
  }

  /** Waits for run to return by itself (an input that ends, as stdin). */
  public void awaitEnd() throws InterruptedException {
    thread.join();
    rethrow();
  }

  @Override
  public void close() throws InterruptedException {
    input.close();
    thread.join();
    rethrow();
  }

  private void rethrow() {
    Throwable thrown = failure.get();
    if (thrown != null && !(thrown instanceof InterruptedException)) {
      throw new AssertionError("the input failed: " + thrown, thrown);
    }
  }
}
