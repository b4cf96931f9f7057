package dev.corral.server.inputs.gelf;

import dev.corral.server.inputs.socket.InputListener;

/**
 * A GELF socket listener together with what must stop with it: the store retries waiting on it and,
 * for UDP, the timer that expires incomplete chunked messages. Closing stops those first, then the
 * listener. Thread-safe.
 */
final class GelfListener implements InputListener {
  private final InputListener listener;
  private final RetryingStore store;
  private final Runnable stopTimer;

  GelfListener(InputListener listener, RetryingStore store, Runnable stopTimer) {
    this.listener = listener;
    this.store = store;
    this.stopTimer = stopTimer;
  }

  /** The socket listener itself ({@code UdpListener} or {@code TcpListener}), for counters. */
  InputListener listener() {
    return listener;
  }

  @Override
  public String name() {
    return listener.name();
  }

  @Override
  public int port() {
    return listener.port();
  }

  @Override
  public void close() {
    store.stop();
    stopTimer.run();
    listener.close();
  }
}
