package dev.corral.server.backup;

import dev.corral.server.TestServer;
import java.nio.file.Path;
import java.util.Map;

/**
 * A server in a child JVM for {@link BackupCrashTest}, backing up to the s3proxy at the given
 * endpoint under the given prefix, so the test can kill -9 it. Prints {@code url=...} once ready.
 *
 * <p>Arguments: data directory, s3 endpoint, prefix.
 */
public final class BackupServerChild {
  private BackupServerChild() {}

  public static void main(String[] args) throws Exception {
    TestServer server = TestServer.start(Path.of(args[0]), BackupTesting.settings(args[1], args[2], Map.of()));
    System.out.println("url=" + server.uri(""));
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
