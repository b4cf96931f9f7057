package dev.corral.server.inputs.socket;

/** A running socket input: its name (e.g. {@code syslog-tcp}) and bound port. Closing stops it. */
public interface InputListener extends AutoCloseable {
  String name();

  /** The bound port (useful when configured as 0). */
  int port();

  /** Stops accepting and closes open connections; never throws. */
  @Override
  void close();
}
