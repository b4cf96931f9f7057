package dev.corral.dist;

import dev.corral.ship.config.ConfigException;
import dev.corral.ship.config.ShipConfig;
import dev.corral.ship.run.ConfiguredInputs;
import dev.corral.ship.run.ShipMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code corral ship --config ship.yaml}: runs the shipper (docs/ship.md) until SIGTERM or Ctrl-C, which flush
 * the last batches (10 s at most) and stop it in order; {@code corral ship status} shows what it is doing.
 */
@Command(name = "ship", mixinStandardHelpOptions = true, subcommands = ShipStatusCommand.class,
    description = {"Ship log files (and stdin, container logs, the journal) to Corral or an Elasticsearch _bulk.",
        "See docs/ship.md for the configuration."})
public final class ShipCommand implements Callable<Integer> {
  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "The shipper's YAML configuration.")
  Path config;

  @Override
  public Integer call() throws Exception {
    if (config == null) {
      System.err.println("corral ship: --config FILE is required (docs/ship.md has one to copy)");
      return 2;
    }
    if (!Files.isRegularFile(config)) {
      System.err.println("corral ship: --config " + config + " is not a readable file");
      return 2;
    }
    ShipConfig loaded;
    try {
      loaded = ShipConfig.load(config);
    } catch (ConfigException e) {
      System.err.println("corral ship: " + e.getMessage());
      return 2;
    }
    try {
      ShipMain.runUntilStopped(loaded, new ConfiguredInputs());
    } catch (ConfigException e) {
      System.err.println("corral ship: " + config + ": " + e.getMessage());
      return 2;
    }
    return 0;
  }
}
