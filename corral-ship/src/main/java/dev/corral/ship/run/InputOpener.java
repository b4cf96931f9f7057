package dev.corral.ship.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.ship.Input;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns the {@code inputs:} list of ship.yaml into open inputs whose registry lives in {@code registryDir}.
 * The shipper's one seam towards the inputs: {@link ConfiguredInputs} in production, a test input in tests.
 */
@FunctionalInterface
public interface InputOpener {
  /**
   * @throws dev.corral.ship.config.ConfigException when the list is wrong (the message names the field)
   * @throws IOException                            when the registry cannot be read
   */
  List<Input> open(JsonNode inputs, Path registryDir) throws IOException;
}
