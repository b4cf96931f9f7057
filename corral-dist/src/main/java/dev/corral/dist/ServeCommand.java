package dev.corral.dist;

import dev.corral.server.CorralServer;
import dev.corral.server.config.ConfigException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code corral serve}: runs the server until interrupted (Ctrl-C / SIGTERM stop it cleanly). */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Start the Corral server.")
public final class ServeCommand implements Callable<Integer> {
  @Mixin
  ServerOptions options;

  @Override
  public Integer call() throws Exception {
    CorralServer server;
    try {
      server = CorralServer.start(options.resolve());
    } catch (ConfigException e) {
      System.err.println("corral: " + e.getMessage());
      return 2;
    }
    System.out.println("Corral is ready at " + server.url());
    awaitShutdown(server);
    return 0;
  }

  /** Blocks until the JVM is asked to stop, then closes the server in order. */
  static void awaitShutdown(AutoCloseable... parts) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      for (AutoCloseable part : parts) {
        try {
          part.close();
        } catch (Exception e) {
          System.err.println("corral: error while stopping: " + e);
        }
      }
      stopped.countDown();
    }, "corral-shutdown"));
    stopped.await();
  }
}
