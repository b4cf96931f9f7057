package dev.corral.server.inputs.syslog;

import dev.corral.server.inputs.socket.InputListener;

/** A syslog socket listener together with its writer: closing ends the writer's waits, then the sockets. */
record SyslogListener(InputListener socket, BatchWriter writer) implements InputListener {
  @Override
  public String name() {
    return socket.name();
  }

  @Override
  public int port() {
    return socket.port();
  }

  @Override
  public void close() {
    writer.close();
    socket.close();
  }
}
