package dev.corral.ship.testing;

import dev.corral.ship.config.ShipConfig;
import dev.corral.ship.run.ShipMain;
import java.nio.file.Path;

/**
 * A shipper process for kill -9 tests and measurements: {@code java -cp <test classpath>
 * dev.corral.ship.testing.TestShipperMain ship.yaml}, with the {@link TailedFileInputs} stand-in inputs.
 *
 * <p>MERGE POINT: once {@code dev.corral.ship.inputs} is merged (see {@link dev.corral.ship.run.ConfiguredInputs}),
 * replace {@code new TailedFileInputs()} by {@code new ConfiguredInputs()}: the kill -9 test and the throughput
 * measurement then run the production file input (their configs, {@code inputs: [{paths: [file]}]}, suit both).
 */
public final class TestShipperMain {
  private TestShipperMain() {
  }

  public static void main(String[] args) throws Exception {
    ShipMain.runUntilStopped(ShipConfig.load(Path.of(args[0])), new TailedFileInputs());
  }
}
