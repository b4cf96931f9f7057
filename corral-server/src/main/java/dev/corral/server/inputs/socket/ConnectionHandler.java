package dev.corral.server.inputs.socket;

import java.io.IOException;

/**
 * Serves one TCP connection until the peer closes it or an error ends it. Runs on its own virtual
 * thread. Backpressure comes for free: while the handler waits for the WAL, it does not read, and
 * TCP flow control slows the sender.
 */
@FunctionalInterface
public interface ConnectionHandler {
  void handle(TcpConnection connection) throws IOException;
}
