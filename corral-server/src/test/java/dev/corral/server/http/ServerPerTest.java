package dev.corral.server.http;

import dev.corral.server.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** A test that starts its own server (with its settings) in a fresh data directory, stopped after it. */
abstract class ServerPerTest {
  @TempDir
  Path data;
  TestServer server;

  @AfterEach
  void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  /** The server's HTTP port. */
  int port() {
    return server.server().port();
  }
}
