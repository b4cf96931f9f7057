package dev.corral.server.erasure;

import dev.corral.server.TestServer;
import dev.corral.server.service.Service;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A server in a child JVM for {@link ErasureCrashTest}: when an erasure has done its first day (and
 * journaled it), it writes the marker file and stops there, so the test can kill -9 it between two
 * days. Prints {@code url=...} once ready. Arguments: data directory, marker file.
 */
public final class ErasingServerChild {
  private ErasingServerChild() {}

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    Path marker = Path.of(args[1]);
    ErasureSeam hang = day -> {
      Files.writeString(marker, day.toString());
      Thread.sleep(Long.MAX_VALUE); // until the kill
    };
    TestServer server = TestServer.startWith(data, Map.of(), services -> {
      for (Service service : services) {
        if (service instanceof ErasureService erasure) {
          erasure.testSeam(hang);
        }
      }
      return new Service() {
        @Override
        public String name() {
          return "erasure-test-seam";
        }
      };
    });
    System.out.println("url=" + server.uri(""));
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
