package dev.corral.server.forward;

import dev.corral.server.TestServer;
import java.nio.file.Path;
import java.util.Map;

/**
 * A server in a child JVM for {@link KafkaForwardTest}, so the test can kill -9 it. Prints {@code url=...} once ready.
 *
 * <p>Arguments: data directory, YAML config file (the kafka.* settings).
 */
public final class ForwardServerChild {
  private ForwardServerChild() {}

  public static void main(String[] args) throws Exception {
    TestServer server = TestServer.start(Path.of(args[0]), Path.of(args[1]), Map.of());
    System.out.println("url=" + server.uri(""));
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
