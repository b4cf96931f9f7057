package dev.corral.dist;

import dev.corral.demo.DemoFleet;
import dev.corral.demo.FleetConfig;
import dev.corral.demo.SeedAlertRules;
import dev.corral.server.CorralServer;
import dev.corral.server.config.ConfigException;
import dev.corral.server.config.ServerConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code corral demo}: starts a server with an embedded store and a fleet of shop services logging
 * into it; with {@code --to URL}, only the fleet, sending to a server that already runs.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Start a server and a demo fleet of services that log into it.")
public final class DemoCommand implements Callable<Integer> {
  /**
   * The demo keeps a month of data, as the shipped conf/corral.yaml does, so a demo left running
   * never fills the disk; corral.yaml, the environment or --set still win.
   */
  static final Map<String, String> DEMO_PRESETS = Map.of("retention.max_age", "30d");

  @Mixin
  ServerOptions server;

  @Option(names = "--rate", defaultValue = "500", description = "Events per second the fleet sends (default ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--seed", description = "Seed for a reproducible fleet (default: random).")
  Long seed;

  @Option(names = "--history-minutes", defaultValue = "60",
      description = "Minutes of calm history the fleet sends at start, so that latency baselines exist at once; 0 for none (default ${DEFAULT-VALUE}).")
  int historyMinutes;

  @Option(names = "--to", description = "Send to this running server instead of starting one, e.g. http://localhost:8080.")
  URI to;

  @Override
  public Integer call() throws Exception {
    CorralServer corral = null;
    URI target = to;
    if (target == null) {
      try {
        ServerConfig config = server.resolve(DEMO_PRESETS);
        List<String> seeded = SeedAlertRules.installInto(config.alertChannels().directory());
        if (!seeded.isEmpty()) {
          System.out.println("Installed the seed alert rules " + seeded + " into " + config.alertChannels().directory());
        }
        corral = CorralServer.start(config);
      } catch (ConfigException e) {
        System.err.println("corral: " + e.getMessage());
        return 2;
      }
      target = URI.create(corral.url());
    }
    long fleetSeed = seed != null ? seed : System.nanoTime();
    if (historyMinutes < 0) {
      System.err.println("corral: --history-minutes is " + historyMinutes + ", must be 0 or more");
      return 2;
    }
    DemoFleet fleet = new DemoFleet(new FleetConfig(target, rate, fleetSeed, Duration.ofMillis(200))
        .withBackfill(Duration.ofMinutes(historyMinutes)));
    fleet.start();
    printWelcome(target, fleetSeed, corral != null);
    if (corral != null) {
      ServeCommand.awaitShutdown(fleet, corral);
    } else {
      ServeCommand.awaitShutdown(fleet);
    }
    return 0;
  }

  private void printWelcome(URI target, long fleetSeed, boolean embedded) {
    String base = target.toString().replaceAll("/+$", "");
    System.out.println();
    System.out.println(embedded ? "Corral is running at " + base + " with a demo fleet of services logging into it."
        : "Demo fleet sending to " + base + ".");
    System.out.printf("Fleet: %.0f events/s, seed %d (reproduce with --seed %d). Stop with Ctrl-C.%n", rate, fleetSeed, fleetSeed);
    System.out.println();
    System.out.println("Try these queries (errors show up within a few seconds):");
    System.out.println("  curl '" + base + "/api/v1/search?q=level:ERROR&limit=5'");
    System.out.println("  curl '" + base + "/api/v1/search?q=service:payment-gateway%20AND%20%22card%20declined%22'");
    System.out.println("  curl '" + base + "/api/v1/search?q=http.status_code:%5B500%20TO%20599%5D&from=now-15m'");
    System.out.println("or from the command line:");
    System.out.println("  ./corral search 'level:ERROR' --since 15m");
    System.out.println("  ./corral search 'performance.duration_ms:>1000 AND NOT service:api-gateway'");
    System.out.println();
  }
}
