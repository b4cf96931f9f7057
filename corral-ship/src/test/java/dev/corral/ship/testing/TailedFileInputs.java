package dev.corral.ship.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.ship.Input;
import dev.corral.ship.run.InputOpener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The test stand-in for the real inputs: each entry of {@code inputs:} with {@code paths: [one file]} becomes a
 * {@link TailedFileInput} (no globs), with the entry's {@code pipeline} if any.
 */
public final class TailedFileInputs implements InputOpener {
  @Override
  public List<Input> open(JsonNode inputs, Path registryDir) {
    List<Input> opened = new ArrayList<>();
    for (JsonNode input : inputs) {
      for (JsonNode path : input.path("paths")) {
        opened.add(new TailedFileInput(Path.of(path.asText()), registryDir,
            input.hasNonNull("pipeline") ? input.get("pipeline").asText() : null));
      }
    }
    return opened;
  }
}
