package dev.corral.server.inputs.socket;

/** A running socket input: its name (e.g. {@code syslog-tcp}) and bound port. Closing stops it. */
public interface InputListener extends AutoCloseable {
  String name();

  /** The bound port (useful when configured as 0). */
  int port();

  /**
   * Counters for operators, by name (e.g. {@code received}, {@code dropped} for UDP;
   * {@code open_connections}, {@code refused_connections} for TCP).
   */
  java.util.Map<String, Long> counters();

  /**
   * Who may send, for the start-up log line and the stats: {@code any source}, {@code sources
   * 10.0.0.0/8,::1}, or the client CA of a TLS listener; empty when the listener admits by other
   * means (e.g. API keys in its protocol).
   */
  default String admits() {
    return "";
  }

  /** Stops accepting and closes open connections; never throws. */
  @Override
  void close();

  /**
   * This listener with {@code stop} run first on close: an input stops what works on its behalf
   * (waits for the WAL, timers) before its sockets close.
   */
  default InputListener stoppingFirst(Runnable stop) {
    return stoppingFirst(stop, java.util.Map::of);
  }

  /**
   * {@link #stoppingFirst(Runnable)}, with counters the input keeps besides the socket's (e.g. refused handshakes)
   * added to {@link #counters()}.
   */
  default InputListener stoppingFirst(Runnable stop, java.util.function.Supplier<java.util.Map<String, Long>> more) {
    InputListener socket = this;
    return new InputListener() {
      @Override
      public String name() {
        return socket.name();
      }

      @Override
      public int port() {
        return socket.port();
      }

      @Override
      public java.util.Map<String, Long> counters() {
        java.util.Map<String, Long> counters = new java.util.TreeMap<>(socket.counters());
        counters.putAll(more.get());
        return counters;
      }

      @Override
      public String admits() {
        return socket.admits();
      }

      @Override
      public void close() {
        stop.run();
        socket.close();
      }
    };
  }
}
