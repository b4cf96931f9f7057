package dev.corral.ship.testing;

import dev.corral.server.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One real Corral server for the test classes that only deliver to it (each with services of its own), started
 * on first use and stopped when the test JVM exits: a server start costs seconds, the suite's budget is small.
 * Tests that stop or restart their server start their own.
 */
public final class SharedCorral {
  private static TestServer server;

  private SharedCorral() {
  }

  public static synchronized TestServer get() throws IOException {
    if (server == null) {
      Path dir = Files.createTempDirectory("corral-ship-tests");
      TestServer started = TestServer.start(dir);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(started, dir), "shared-corral-stop"));
      server = started;
    }
    return server;
  }

  private static void stop(TestServer started, Path dir) {
    try {
      started.close();
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
