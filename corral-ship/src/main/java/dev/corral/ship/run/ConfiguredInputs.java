package dev.corral.ship.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.ship.Input;
import dev.corral.ship.inputs.InputConfig;
import dev.corral.ship.inputs.Inputs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The inputs of {@code corral ship}: files, stdin, containers and the journal ({@link Inputs}). */
public final class ConfiguredInputs implements InputOpener {
  @Override
  public List<Input> open(JsonNode inputs, Path registryDir) throws IOException {
    return Inputs.open(InputConfig.listFrom(inputs), registryDir);
  }
}
