package dev.corral.server.archive;

import dev.corral.server.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A server in a child JVM for {@link ArchiveCrashTest}: it archives to the s3proxy at the given
 * endpoint, and when an upload reaches {@code step} it writes the marker file and stops there, so
 * the test can kill -9 it at exactly that point. Prints {@code url=...} once ready.
 *
 * <p>Arguments: data directory, s3 endpoint, step ({@code object}, {@code manifest} or {@code
 * merged}), marker file, then any number of {@code key=value} settings.
 */
public final class ArchivingServerChild {
  private ArchivingServerChild() {}

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    String endpoint = args[1];
    String stopAt = args[2];
    Path marker = Path.of(args[3]);
    Map<String, String> settings = new HashMap<>(Map.of("archive.endpoint", endpoint));
    for (int i = 4; i < args.length; i++) {
      settings.put(args[i].substring(0, args[i].indexOf('=')), args[i].substring(args[i].indexOf('=') + 1));
    }
    UploadSeam hang = (step, key) -> {
      if (step.equals(stopAt)) {
        Files.writeString(marker, key);
        Thread.sleep(Long.MAX_VALUE); // until the kill
      }
    };
    TestServer server = ArchiveTesting.server(data, S3TestServer.settingsFor(endpoint, ArchiveTesting.PREFIX), settings, hang);
    System.out.println("url=" + server.uri(""));
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
