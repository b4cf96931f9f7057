package dev.corral.ship.testing;

import dev.corral.ship.config.ShipConfig;
import dev.corral.ship.run.ConfiguredInputs;
import dev.corral.ship.run.ShipMain;
import java.nio.file.Path;

/**
 * A shipper process for kill -9 tests and measurements: {@code java -cp <test classpath>
 * dev.corral.ship.testing.TestShipperMain ship.yaml}, with the production inputs ({@link ConfiguredInputs}) and
 * what {@code corral ship --config ship.yaml} runs, without the CLI around it.
 */
public final class TestShipperMain {
  private TestShipperMain() {
  }

  public static void main(String[] args) throws Exception {
    ShipMain.runUntilStopped(ShipConfig.load(Path.of(args[0])), new ConfiguredInputs());
  }
}
