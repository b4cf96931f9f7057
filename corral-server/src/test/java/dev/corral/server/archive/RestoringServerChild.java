package dev.corral.server.archive;

import dev.corral.server.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A server in a child JVM for {@link ArchiveCrashTest}: it fetches archived days from the
 * s3proxy at the given endpoint, and once the first file of {@code day} is written into the cache's
 * download directory it writes the marker file and stops there, so the test can kill -9 it halfway
 * through a restore. Prints {@code url=...} once ready.
 *
 * <p>Arguments: data directory, s3 endpoint, day, marker file.
 */
public final class RestoringServerChild {
  private RestoringServerChild() {}

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    String endpoint = args[1];
    String stopDay = args[2];
    Path marker = Path.of(args[3]);
    FetchSeam hang = (day, file) -> {
      if (day.equals(stopDay)) {
        Files.writeString(marker, file.toString());
        try {
          Thread.sleep(Long.MAX_VALUE); // until the kill
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    TestServer server = ArchiveFetchTest.server(data, endpoint, Map.of(), hang);
    System.out.println("url=" + server.uri(""));
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
