package dev.corral.server.inputs.fluent;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The time a forward connection has to complete the handshake, counted from the HELO, however slowly it trickles
 * its bytes: when it is up before {@link #close()}, the connection is closed, which ends the handshake's blocked
 * read. One per handshake; {@link #close()} (once the handshake ended either way) stops it. Thread-safe.
 */
final class HandshakeDeadline implements AutoCloseable {
  private enum State { RUNNING, ENDED, EXPIRED }

  private final AtomicReference<State> state = new AtomicReference<>(State.RUNNING);
  private final Thread timer;

  /** Starts counting {@code timeout}; at its end {@code connection} is closed unless the handshake ended first. */
  HandshakeDeadline(Duration timeout, Closeable connection) {
    timer = Thread.ofVirtual().name("corral-fluent-handshake-deadline").start(() -> {
      try {
        Thread.sleep(timeout);
      } catch (InterruptedException e) {
        return; // the handshake ended
      }
      if (state.compareAndSet(State.RUNNING, State.EXPIRED)) {
        try {
          connection.close();
        } catch (IOException ignored) {
          // closing is all there is to do; the handshake's read fails either way
        }
      }
    });
  }

  /** Whether the time ran out (and the connection was closed) before {@link #close()}. */
  boolean expired() {
    return state.get() == State.EXPIRED;
  }

  /** Stops counting: the handshake ended. Never throws. */
  @Override
  public void close() {
    if (state.compareAndSet(State.RUNNING, State.ENDED)) {
      timer.interrupt();
    }
  }
}
