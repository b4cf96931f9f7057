package dev.corral.ship.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.ship.Input;
import dev.corral.ship.config.ConfigException;
import java.nio.file.Path;
import java.util.List;

/**
 * The inputs of {@code corral ship}: files, stdin, containers and the journal, from the {@code dev.corral.ship.inputs}
 * package.
 *
 * <p>MERGE POINT: the inputs package is built on its own branch. Once it is merged, the body of {@link #open} is
 * {@code return dev.corral.ship.inputs.Inputs.open(dev.corral.ship.inputs.InputConfig.listFrom(inputs),
 * registryDir);} and this note goes.
 */
public final class ConfiguredInputs implements InputOpener {
  @Override
  public List<Input> open(JsonNode inputs, Path registryDir) {
    throw new ConfigException("inputs: this build has no file inputs yet (dev.corral.ship.inputs is not merged)");
  }
}
